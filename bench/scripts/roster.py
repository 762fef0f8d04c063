#!/usr/bin/env python3
"""The roster scripts/mix.lua draws from, as a members CSV for `confianza import members`.

NETWORKS networks (RED01…) of MEMBERS members each; roster 1-3 are the board (presidente, secretario,
tesorero); phones are +51987 followed by network*100+roster on six digits.
Usage: roster.py NETWORKS MEMBERS > roster.csv
"""
import sys

networks, members = int(sys.argv[1]), int(sys.argv[2])
roles = {1: "presidente", 2: "secretario", 3: "tesorero"}
print("network,phone,name,role,gender,roster")
for n in range(1, networks + 1):
    for r in range(1, members + 1):
        print(f"RED{n:02d},+51987{n * 100 + r:06d},Socio {n}-{r},{roles.get(r, 'socio')},{'F' if r % 2 else 'M'},{r}")
