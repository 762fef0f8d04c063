#!/usr/bin/env python3
"""The roster scripts/mix.lua draws from, as a members CSV for `confianza import members`, or the
handsets of the Kannel runs (fakesmsc's `phone<TAB>text` lines).

NETWORKS networks (RED01…) of MEMBERS members each; roster 1-3 are the board (presidente, secretario,
tesorero); phones are +51987 followed by network*100+roster on six digits.
Usage: roster.py NETWORKS MEMBERS > roster.csv
       roster.py --handsets NETWORKS MEMBERS > handsets.tsv
The handsets are registered members only (an unknown phone is answered once a day), with mix.lua's
weights: 60 answers and reports, 25 menus, 10 board commands, 5 help requests; the same 100 lines
every time (seeded).
"""
import random
import sys

args = sys.argv[1:]
handsets = args[:1] == ["--handsets"]
networks, members = int(args[-2]), int(args[-1])
if handsets:
    random.seed(10)
    answers = ["APORTE 20", "ASISTI", "SI", "1", "3", "OPINAR", "APORTE 15.50"]
    for _ in range(60): print(f"+51987{random.randint(1, networks) * 100 + random.randint(4, members):06d}\t{random.choice(answers)}")
    for _ in range(25): print(f"+51987{random.randint(1, networks) * 100 + random.randint(1, members):06d}\t{random.choice(['HOLA', 'MIO', 'MENU'])}")
    for _ in range(10): print(f"+51987{random.randint(1, networks) * 100 + random.randint(1, 3):06d}\t{random.choice(['REUNION ORD HOY 1 2 3', 'EVENTO HECHO 1'])}")
    for _ in range(5): print(f"+51987{random.randint(1, networks) * 100 + random.randint(4, members):06d}\tAYUDA")
    sys.exit(0)
roles = {1: "presidente", 2: "secretario", 3: "tesorero"}
print("network,phone,name,role,gender,roster")
for n in range(1, networks + 1):
    for r in range(1, members + 1):
        print(f"RED{n:02d},+51987{n * 100 + r:06d},Socio {n}-{r},{roles.get(r, 'socio')},{'F' if r % 2 else 'M'},{r}")
