import SMSText
import Testing
import TrustCore

/// Checks the invariants every composed message must hold.
func expectConsistent(_ sms: ComposedSMS, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(sms.segments == sms.parts.count, sourceLocation: sourceLocation)
    #expect(sms.parts.joined() == sms.text, sourceLocation: sourceLocation)
    #expect(sms.segments >= 1, sourceLocation: sourceLocation)
    let limit = sms.segments == 1 ? sms.encoding.singleLimit : sms.encoding.partLimit
    var total = 0
    for part in sms.parts {
        let units = part.unicodeScalars.map { sms.encoding.units(for: $0) ?? 1000 }.reduce(0, +)
        total += units
        #expect(units <= limit, sourceLocation: sourceLocation)
        if sms.encoding == .ucs2 {
            #expect(units == part.utf16.count, sourceLocation: sourceLocation)
        }
    }
    #expect(total == sms.units, sourceLocation: sourceLocation)
    #expect((sms.encoding == .gsm7) == GSM7.canEncode(sms.text), sourceLocation: sourceLocation)
}

@Suite("Segment counting (gateways.md §6.4)")
struct ComposerTests {
    @Test("GSM-7: 160 septets is one SMS, 161 is two")
    func gsmSingleBoundary() {
        let at160 = SMSComposer.compose(String(repeating: "a", count: 160))
        #expect(at160.encoding == .gsm7)
        #expect(at160.units == 160)
        #expect(at160.segments == 1)
        let at161 = SMSComposer.compose(String(repeating: "a", count: 161))
        #expect(at161.segments == 2)
        #expect(at161.parts.map(\.count) == [153, 8])
        expectConsistent(at160)
        expectConsistent(at161)
    }

    @Test("GSM-7: 306 septets is two SMS, 307 is three")
    func gsmTwoPartBoundary() {
        let at306 = SMSComposer.compose(String(repeating: "b", count: 306))
        #expect(at306.segments == 2)
        #expect(at306.parts.map(\.count) == [153, 153])
        let at307 = SMSComposer.compose(String(repeating: "b", count: 307))
        #expect(at307.segments == 3)
        expectConsistent(at306)
        expectConsistent(at307)
    }

    @Test("extension characters count two septets")
    func extensionCost() {
        let euros = SMSComposer.compose(String(repeating: "€", count: 80))
        #expect(euros.units == 160)
        #expect(euros.segments == 1)
        let more = SMSComposer.compose(String(repeating: "€", count: 81))
        #expect(more.units == 162)
        #expect(more.segments == 2)
        #expect(more.parts.map(\.count) == [76, 5])
        expectConsistent(more)
    }

    @Test("an ESC pair that would straddle a part boundary moves whole to the next part")
    func escapePairNotSplit() {
        // 152 septets, then "€" (2): 154 > 153, so the euro opens part two; 306 septets need three parts.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)
        let sms = SMSComposer.compose(text)
        #expect(sms.units == 306)
        #expect(sms.segments == 3)  // ceil(306 / 153) would say 2
        #expect(sms.parts[0] == String(repeating: "a", count: 152))
        #expect(sms.parts[1].hasPrefix("€"))
        expectConsistent(sms)

        let fittingText = String(repeating: "a", count: 151) + "€" + String(repeating: "a", count: 153)
        let fitting = SMSComposer.compose(fittingText)
        #expect(fitting.units == 306)
        #expect(fitting.segments == 2)
        #expect(fitting.parts[0].hasSuffix("€"))
        expectConsistent(fitting)
    }

    @Test("UCS-2: 70 units is one SMS, 71 is two, 134 is two, 135 is three")
    func ucs2Boundaries() {
        let at70 = SMSComposer.compose("中" + String(repeating: "a", count: 69))
        #expect(at70.encoding == .ucs2)
        #expect(at70.units == 70)
        #expect(at70.segments == 1)
        let at71 = SMSComposer.compose("中" + String(repeating: "a", count: 70))
        #expect(at71.segments == 2)
        #expect(at71.parts.map { $0.utf16.count } == [67, 4])
        #expect(SMSComposer.segments(for: "中" + String(repeating: "a", count: 133)) == 2)
        #expect(SMSComposer.segments(for: "中" + String(repeating: "a", count: 134)) == 3)
        for sms in [at70, at71] { expectConsistent(sms) }
    }

    @Test("emoji are surrogate pairs: two units, never split")
    func surrogatePairs() {
        let single = SMSComposer.compose(String(repeating: "😀", count: 35))
        #expect(single.units == 70)
        #expect(single.segments == 1)
        // 66 units, then an emoji (2): 68 > 67, so it opens the next part.
        let text = String(repeating: "a", count: 66) + "😀" + String(repeating: "a", count: 66)
        let sms = SMSComposer.compose(text)
        #expect(sms.encoding == .ucs2)
        #expect(sms.units == 134)
        #expect(sms.segments == 3)
        #expect(sms.parts[0].utf16.count == 66)
        #expect(sms.parts[1].hasPrefix("😀"))
        expectConsistent(sms)
    }

    @Test("one character outside GSM-7 makes the whole message UCS-2")
    func wholeMessageUCS2() {
        let sms = SMSComposer.compose("Gracias Rosa 🙏 " + String(repeating: "x", count: 60))
        #expect(sms.encoding == .ucs2)
        #expect(sms.units == 76)  // "Gracias Rosa " 13 + emoji 2 + " " 1 + 60
        #expect(sms.segments == 2)
        expectConsistent(sms)
    }

    @Test("transliteration happens before counting, and can be turned off")
    func transliterationFirst() {
        let text = "Reunión ordinaria: ¿asistió? 1 Sí, 2 No"
        let sms = SMSComposer.compose(text)
        #expect(sms.text == "Reunion ordinaria: ¿asistio? 1 Si, 2 No")
        #expect(sms.encoding == .gsm7)
        let raw = SMSComposer.compose(text, transliterating: false)
        #expect(raw.text == text)
        #expect(raw.encoding == .ucs2)
    }

    @Test("the weekly summary of conversations.md is 206 characters and two segments")
    func weeklySummary() {
        let summary =
            "Confianza Lacteos Huambocancha, semanas 44-47: indice 74 VERDE (+3). Asistencia 10/12 socios. "
            + "Aportes S/ 480 (+12%). Satisfaccion 4.2/5. Eventos 2/2. "
            + "Consejo: organicen una visita a una experiencia exitosa."
        let sms = SMSComposer.compose(summary)
        #expect(sms.units == 206)
        #expect(sms.segments == 2)
        #expect(sms.fits(segments: 2))
        #expect(!sms.fits(segments: 1))
    }

    @Test("an empty text is one empty segment")
    func emptyText() {
        let sms = SMSComposer.compose("")
        #expect(sms.units == 0)
        #expect(sms.segments == 1)
        #expect(sms.parts == [""])
    }

    @Test("property: random texts always compose consistently")
    func randomTexts() {
        var generator = SplitMix64(seed: 0xC0FF_EE15_2026)
        let pools: [[Unicode.Scalar]] = [
            Array("abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789.,;:!?-\n".unicodeScalars),
            Array("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà".unicodeScalars),
            Array("€[]{}~^|\\\u{0C}".unicodeScalars),
            Array("áíóúÁÍÓÚÀÈÌÒÙçº“”‘’–—…•\u{00A0}".unicodeScalars),
            Array("😀🙏👩🌽🐄中文\u{200D}\u{FE0F}".unicodeScalars),
        ]
        for round in 0..<3000 {
            let length = Int(generator.next() % 420)
            let emojiAllowed = round % 3 == 0
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                let poolIndex = Int(generator.next() % UInt64(emojiAllowed ? pools.count : pools.count - 1))
                let pool = pools[poolIndex]
                scalars.append(pool[Int(generator.next() % UInt64(pool.count))])
            }
            let sms = SMSComposer.compose(String(scalars))
            expectConsistent(sms)
            if !emojiAllowed { #expect(sms.encoding == .gsm7) }
            let single = sms.units <= sms.encoding.singleLimit
            #expect(single == (sms.segments == 1))
            if !single {
                #expect(sms.segments >= (sms.units + sms.encoding.partLimit - 1) / sms.encoding.partLimit)
            }
        }
    }
}
