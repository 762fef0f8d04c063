import SMSText
import Testing

@Suite("Truncation and list pages")
struct TruncationTests {
    private let words = (1...80).map { "palabra\($0)" }.joined(separator: " ")

    @Test("a text that fits is returned whole (transliterated)")
    func fitsAlready() {
        #expect(SMSComposer.truncate("Reunión de hoy", toSegments: 1) == "Reunion de hoy")
    }

    @Test("a long text is cut at a word boundary and ends with ...", arguments: [1, 2, 3])
    func cutAtWord(_ budget: Int) {
        let cut = SMSComposer.truncate(words, toSegments: budget)
        #expect(cut.hasSuffix("..."))
        #expect(SMSComposer.segments(for: cut) == budget)
        let body = String(cut.dropLast(3))
        #expect(words.hasPrefix(body))
        // The character after the kept text in the original is the space between two words.
        let rest = words.dropFirst(body.count)
        #expect(rest.first == " ")
        // Little room is wasted: adding the next word would not fit.
        let nextWord = rest.dropFirst().prefix(while: { $0 != " " })
        #expect(!SMSComposer.fits(body + " " + nextWord + "...", segments: budget))
    }

    @Test("a single long word is cut inside it")
    func longWord() {
        let cut = SMSComposer.truncate(String(repeating: "x", count: 400), toSegments: 1)
        #expect(cut == String(repeating: "x", count: 157) + "...")
    }

    @Test("truncation respects UCS-2 and extension characters")
    func otherEncodings() {
        let emoji = SMSComposer.truncate(String(repeating: "🐄 ", count: 100), toSegments: 1)
        #expect(SMSComposer.compose(emoji).units <= 70)
        #expect(emoji.hasSuffix("🐄..."))
        let euros = SMSComposer.truncate(String(repeating: "€ ", count: 200), toSegments: 2)
        #expect(SMSComposer.segments(for: euros) == 2)
        #expect(SMSComposer.truncate(words, toSegments: 0) == "")
    }

    @Test("a list is split into one-segment pages ending with MAS")
    func paginate() {
        let items = (1...30).map { "\($0)) Socio número \($0) S/ 20.00" }
        let pages = SMSComposer.paginate(items, header: "Pendientes: ", more: "MAS")
        #expect(pages.count > 1)
        for (index, page) in pages.enumerated() {
            #expect(SMSComposer.segments(for: page) == 1)
            #expect(page.hasPrefix("Pendientes: "))
            #expect(page.hasSuffix(" MAS") == (index < pages.count - 1))
        }
        // Every item appears exactly once, in order, transliterated.
        let joined = pages.map { String($0.dropFirst("Pendientes: ".count)) }
            .map { $0.hasSuffix(" MAS") ? String($0.dropLast(4)) : $0 }
            .joined(separator: " ")
        #expect(joined == items.map(Transliterator.toGSM7).joined(separator: " "))
    }

    @Test("an item too long for a page is truncated but keeps the MAS marker")
    func oversizedItem() {
        let pages = SMSComposer.paginate([String(repeating: "y", count: 300), "corto"], more: "MAS")
        #expect(pages.count == 2)
        #expect(pages[0].hasSuffix("... MAS"))
        #expect(SMSComposer.segments(for: pages[0]) == 1)
        #expect(pages[1] == "corto")
        #expect(SMSComposer.paginate([], header: "Nada", more: "MAS") == ["Nada"])
    }

    @Test("names are cut to 15 characters and networks to 20, at word boundaries when close")
    func names() {
        #expect(Truncate.name("Rosa Quispe") == "Rosa Quispe")
        #expect(Truncate.name("  Rosa   Quispe  ") == "Rosa Quispe")
        #expect(Truncate.name("Rosa Quispe Mamani") == "Rosa Quispe")
        #expect(Truncate.name("Maximiliano Huamanchumo") == "Maximiliano")
        #expect(Truncate.name("Ana Huamanchumoquispe") == "Ana Huamanchumo")
        #expect(Truncate.name("Huamanchumoquispe").count == 15)
        #expect(Truncate.network("Lácteos Huambocancha") == "Lácteos Huambocancha")
        #expect(Truncate.network("Asociación de Productores de Cuyes Anta") == "Asociación de")
        #expect(Truncate.network("Productores Agropecuarios Anta") == "Productores")
        #expect(Truncate.name("Rosa", max: 0) == "")
    }
}
