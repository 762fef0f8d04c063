import SMSText
import Testing

@Suite("Amounts")
struct AmountParserTests {
    @Test(
        "accepted amounts, in céntimos",
        arguments: [
            ("20", 2000), ("20.50", 2050), ("20,50", 2050), ("S/20", 2000), ("s/. 20", 2000), ("S/.20", 2000),
            ("S/ 20", 2000), ("20 soles", 2000), ("20soles", 2000), ("1 sol", 100), ("20.5", 2050), ("20,5", 2050),
            ("1,500", 150_000), ("1.500", 150_000), ("1.500,50", 150_050), ("1,500.50", 150_050),
            ("1.000.000", 100_000_000), ("250.000", 25_000_000), ("0.50", 50), ("20.", 2000), (" 15 ", 1500),
            ("S/ 20.00 soles", 2000),
            ("1234", 123_400), ("1234,56", 123_456), ("1000000", 100_000_000), ("20,05", 2005),
        ] as [(String, Int64)]
    )
    func accepted(_ text: String, _ expected: Int64) {
        #expect(AmountParser.parse(text) == expected, "\(text)")
    }

    @Test(
        "refused amounts",
        arguments: [
            "", "veinte", "-20", "- 20", "0", "0,00", "20.505.5", "20,5050", "1.5000", "1,50,00", "1.500.50",
            "1.000.001", "1000001", "1.500.000", "99999999999999999999", "20 30", "S/", "soles", "20 dolares", ".50",
            ",50",
            "1..5", "0.500", "1.500,505", "1.500,000.50", "20a", "APORTE 20", "€20",
        ]
    )
    func refused(_ text: String) {
        #expect(AmountParser.parse(text) == nil, "\(text)")
    }

    @Test("extract finds the amount among normalised words, with its sol sign and unit")
    func extract() {
        #expect(AmountParser.extract(from: Keyword.words("aporte s/. 20")) == AmountMatch(centimos: 2000, range: 1..<3))
        #expect(
            AmountParser.extract(from: Keyword.words("APORTE 20 soles")) == AmountMatch(centimos: 2000, range: 1..<3)
        )
        #expect(
            AmountParser.extract(from: Keyword.words("Aporte S/20,50")) == AmountMatch(centimos: 2050, range: 1..<3)
        )
        #expect(
            AmountParser.extract(from: Keyword.words("aporte 1.500,50")) == AmountMatch(centimos: 150_050, range: 1..<2)
        )
        #expect(AmountParser.extract(from: Keyword.words("aporte veinte")) == nil)
        #expect(AmountParser.extract(from: Keyword.words("aporte -20")) == nil)
        #expect(AmountParser.extract(from: ["S/"]) == nil)
    }
}

@Suite("Dates")
struct DateParserTests {
    @Test(
        "accepted days",
        arguments: [
            ("hoy", ParsedDay.today), ("HOY", .today), ("today", .today), ("ayer", .yesterday),
            ("Yesterday", .yesterday),
            ("mañana", .tomorrow), ("manana", .tomorrow), ("MAÑANA.", .tomorrow), ("tomorrow", .tomorrow),
            ("15/12", .dayMonth(day: 15, month: 12)), ("5/3", .dayMonth(day: 5, month: 3)),
            ("05/03", .dayMonth(day: 5, month: 3)), ("15-12", .dayMonth(day: 15, month: 12)),
            ("15.12", .dayMonth(day: 15, month: 12)), ("29/02", .dayMonth(day: 29, month: 2)),
            ("31/12", .dayMonth(day: 31, month: 12)), ("15/12/2025", .full(day: 15, month: 12, year: 2025)),
            ("15/12/25", .full(day: 15, month: 12, year: 2025)), ("1-1-2026", .full(day: 1, month: 1, year: 2026)),
            ("29/02/2024", .full(day: 29, month: 2, year: 2024)), ("29/02/2000", .full(day: 29, month: 2, year: 2000)),
            (" 21/11 ", .dayMonth(day: 21, month: 11)),
        ]
    )
    func accepted(_ text: String, _ expected: ParsedDay) {
        #expect(DateParser.parse(text) == expected, "\(text)")
    }

    @Test(
        "refused days",
        arguments: [
            "", "pasado", "32/12", "0/12", "15/13", "15/0", "31/04", "30/02", "29/02/2025", "29/02/1900",
            "15/12/202", "15/12/20255", "15/12-2025", "15//12", "/12", "15/", "123/12", "15/123", "1512",
            "el 15/12", "hoy ayer", "15/12/1850",
        ]
    )
    func refused(_ text: String) {
        #expect(DateParser.parse(text) == nil, "\(text)")
    }
}

@Suite("Ratings and yes/no")
struct AnswerParserTests {
    @Test(
        "ratings",
        arguments: [
            ("1", 1), ("5", 5), (" 3 ", 3), ("4.", 4), ("4/5", 4), ("muy malo", 1), ("Muy mala", 1), ("pésimo", 1),
            ("malo", 2), ("regular", 3), ("más o menos", 3), ("bueno", 4), ("Buena!", 4), ("muy bueno", 5),
            ("EXCELENTE", 5), ("very bad", 1), ("bad", 2), ("fair", 3), ("good", 4), ("very good", 5),
            ("excellent", 5),
        ]
    )
    func rating(_ text: String, _ expected: Int) {
        #expect(RatingParser.parse(text) == expected, "\(text)")
    }

    @Test("refused ratings", arguments: ["0", "6", "10", "", "si", "4 5", "muy", "bueno malo", "6/5", "3.5"])
    func ratingRefused(_ text: String) {
        #expect(RatingParser.parse(text) == nil, "\(text)")
    }

    @Test(
        "yes and no",
        arguments: [
            ("si", true), ("sí", true), ("SI", true), ("Sí.", true), ("s", true), ("1", true), ("yes", true),
            ("y", true), ("ok", true), ("OK!", true), ("ari", true), ("si gracias", true), ("Sí, claro", true),
            ("no", false), ("NO", false), ("n", false), ("2", false), ("No.", false), ("no, gracias", false),
            ("manan", false),
        ]
    )
    func yesNo(_ text: String, _ expected: Bool) {
        #expect(YesNo.parse(text) == expected, "\(text)")
    }

    @Test("refused yes/no", arguments: ["", "3", "quizas", "no se", "s gracias", "si no", "tal vez", "?"])
    func yesNoRefused(_ text: String) {
        #expect(YesNo.parse(text) == nil, "\(text)")
    }
}
