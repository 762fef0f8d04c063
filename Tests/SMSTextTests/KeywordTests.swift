import SMSText
import Testing

@Suite("Keyword normalisation")
struct KeywordTests {
    @Test("a spacing mark cut off from its letter starts no token, so normalising twice changes nothing (fuzz regression)")
    func detachedSpacingMark() {
        let fuzzInput = "\u{601}UnsafeBu\u{7}\u{0}\u{0}\u{1B41}"
        #expect(Keyword.normalize(Keyword.normalize(fuzzInput)) == Keyword.normalize(fuzzInput))
        let once = Keyword.normalize("UnsafeBu\u{7}\u{1B41} hola \u{E33}")
        #expect(once == "UNSAFEBU HOLA")
        #expect(Keyword.normalize(once) == once)
        #expect(Keyword.normalize("ab\u{1B41}") == "AB\u{1B41}", "a mark on its letter stays")
    }

    @Test(
        "the same keyword however it is written",
        arguments: ["reunión", "REUNION", "Reunion.", "¿reunion?", "  ReUnIóN!! ", "\"reunion\""]
    )
    func reunion(_ text: String) {
        #expect(Keyword.normalize(text) == "REUNION")
    }

    @Test(
        "numbers, dates and the sol sign survive",
        arguments: [
            ("aporte 20,50", "APORTE 20,50"), ("aporte s/. 20", "APORTE S/ 20"), ("APORTE S/20", "APORTE S/ 20"),
            ("aporte S/.20.", "APORTE S/ 20"), ("Evento Aniversario 15/12", "EVENTO ANIVERSARIO 15/12"),
            ("evento 15/12/2025", "EVENTO 15/12/2025"), ("fecha 15-12", "FECHA 15-12"), ("1.500,50", "1.500,50"),
            ("aporte -20", "APORTE -20"), ("aporte 20.", "APORTE 20"),
            ("reunion ord hoy 1 2 5 7", "REUNION ORD HOY 1 2 5 7"),
            ("1, 2, 5", "1 2 5"), ("hora 8:30", "HORA 8:30"), ("socio +51987654321", "SOCIO +51987654321"),
            ("+51 987 654 321", "+51 987 654 321"), ("a+b", "A B"),
        ]
    )
    func numbers(_ text: String, _ expected: String) {
        #expect(Keyword.normalize(text) == expected)
    }

    @Test(
        "accents, ñ, punctuation and spaces",
        arguments: [
            ("mañana", "MANANA"), ("Lácteos  Huambocancha", "LACTEOS HUAMBOCANCHA"), ("¡Hola!", "HOLA"),
            ("hola,menu", "HOLA MENU"), ("ch'aki", "CHAKI"), ("Rosa\tQuispe\n", "ROSA QUISPE"),
            ("idioma en", "IDIOMA EN"),
            ("Gracias 🙏", "GRACIAS"), ("S/N", "S/ N"), ("cosas/20", "COSAS 20"), ("", ""), ("...", ""),
            ("?", "?"), ("¿?", "?"), ("  ? ", "?"), ("e\u{0301}", "E"),
        ]
    )
    func cleaned(_ text: String, _ expected: String) {
        #expect(Keyword.normalize(text) == expected)
    }

    @Test("words are the tokens of the normalised text")
    func words() {
        #expect(
            Keyword.words("SOCIO huambo 987654321 Rosa Quispe") == ["SOCIO", "HUAMBO", "987654321", "ROSA", "QUISPE"]
        )
        #expect(Keyword.words("aporte s/. 20,50 soles") == ["APORTE", "S/", "20,50", "SOLES"])
        #expect(Keyword.words("   ") == [])
    }
}
