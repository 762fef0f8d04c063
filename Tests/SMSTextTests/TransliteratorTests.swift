import SMSText
import Testing

@Suite("Transliteration to GSM-7")
struct TransliteratorTests {
    @Test(
        "characters outside GSM-7 get their GSM-7 spelling",
        arguments: [
            ("á í ó ú", "a i o u"), ("Á Í Ó Ú", "A I O U"), ("À È Ì Ò Ù", "A E I O U"), ("ç", "c"),
            ("“Hola” «red»", "\"Hola\" \"red\""), ("‘sí’ it’s", "'si' it's"),
            ("a – b — c", "a - b - c"),
            ("Espere…", "Espere..."), ("• uno", "- uno"), ("Nº 5, 1ª, 20°", "No 5, 1a, 20o"),
            ("S/\u{00A0}20", "S/ 20"), ("1\u{2009}500", "1 500"), ("a\u{202F}b", "a b"), ("`x´", "'x'"),
            ("ch\u{02BC}aki", "ch'aki"), ("Lácteos Huambocancha", "Lacteos Huambocancha"),
            ("Reunión extraordinaria", "Reunion extraordinaria"), ("Conceição", "Conceicao"),
            ("\u{FEFF}Ho\u{200B}la\u{00AD}", "Hola"), ("tab\there", "tab here"),
        ]
    )
    func replaced(_ input: String, _ expected: String) {
        let output = Transliterator.toGSM7(input)
        #expect(output == expected)
        #expect(GSM7.canEncode(output))
    }

    @Test(
        "GSM-7 characters are kept",
        arguments: ["é É ñ Ñ ü Ü ¿ ¡ à è ì ò ù Ç", "Año: señor Müller ¿qué?", "€ [ ] { } ~ ^ | \\"]
    )
    func kept(_ input: String) {
        #expect(Transliterator.toGSM7(input) == input)
    }

    @Test("emoji and other scripts are left as they are")
    func leftAlone() {
        #expect(Transliterator.toGSM7("Gracias 🙏") == "Gracias 🙏")
        #expect(Transliterator.toGSM7("谢谢 á") == "谢谢 a")
        #expect(Transliterator.toGSM7("👩‍🌾") == "👩‍🌾")
    }

    @Test("a decomposed é is composed and stays GSM-7")
    func decomposedInput() {
        let decomposed = "este\u{0301} man\u{0303}ana"
        let output = Transliterator.toGSM7(decomposed)
        #expect(Array(output.unicodeScalars) == Array("esté mañana".unicodeScalars))
        #expect(GSM7.canEncode(output))
    }

    @Test("a Spanish sentence becomes GSM-7: ó and á are outside it, é ¿ stay")
    func spanishSentence() {
        let composed = SMSComposer.compose("¿Cómo está? APORTE 20")
        #expect(composed.text == "¿Como esta? APORTE 20")
        #expect(composed.encoding == .gsm7)
        #expect(composed.units == 21)
        #expect(composed.segments == 1)
        #expect(SMSComposer.compose("¿Qué tal, señor? Café 20€").text == "¿Qué tal, señor? Café 20€")
    }
}
