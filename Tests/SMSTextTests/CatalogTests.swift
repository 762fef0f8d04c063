import SMSText
import Testing

@Suite("Message catalog")
struct CatalogTests {
    private func spanish() throws -> MessageCatalog {
        try MessageCatalog(
            language: "es",
            templates: [
                "menu.socio": "Hola {{name}} ({{network}}). Responda con un numero: 1 Asisti a reunion, 2 Aporte",
                "aporte.confirm": "¿Confirma su aporte de {{amount}} al fondo comun de {{network}}? 1 Si, 2 No",
                "pending":
                    "Aportes por confirmar:{{#items}} {{n}}) {{name}} {{amount}}{{/items}}{{^items}} ninguno{{/items}}",
                "trend": "Indice {{index}}{{#up}} (sube){{/up}}{{^up}} (baja){{/up}}",
                "raw": "{{{name}}} & {{&network}} <{{amount}}>",
                "leading": "\n  Hola {{name}}",
            ]
        )
    }

    @Test("renders values into the template")
    func renders() throws {
        let catalog = try spanish()
        let text = try catalog.render("menu.socio", ["name": "Rosa", "network": "Lacteos Huambocancha"])
        #expect(text == "Hola Rosa (Lacteos Huambocancha). Responda con un numero: 1 Asisti a reunion, 2 Aporte")
        let amount = 20
        let confirm = try catalog.render("aporte.confirm", ["amount": "S/ \(amount).00", "network": "Cuyes Anta"])
        #expect(confirm == "¿Confirma su aporte de S/ 20.00 al fondo comun de Cuyes Anta? 1 Si, 2 No")
    }

    @Test("nothing is HTML-escaped, in double, triple or ampersand tags")
    func noEscaping() throws {
        let catalog = try spanish()
        let values: [String: String] = [
            "name": "Rosa & Ana's <red>", "network": "\"Flores\" & co", "amount": "S/ 5 < 6",
        ]
        #expect(try catalog.render("raw", strings: values) == "Rosa & Ana's <red> & \"Flores\" & co <S/ 5 < 6>")
        let menu = try catalog.render("menu.socio", strings: values)
        #expect(menu.hasPrefix("Hola Rosa & Ana's <red> (\"Flores\" & co)."))
    }

    @Test("the template text is kept exactly, leading newline and spaces included")
    func templateUntouched() throws {
        #expect(try spanish().render("leading", ["name": "Rosa"]) == "\n  Hola Rosa")
    }

    @Test("lists and flags render sections")
    func sections() throws {
        let catalog = try spanish()
        let pending = try catalog.render(
            "pending",
            [
                "items": [
                    ["n": "1", "name": "Rosa", "amount": "S/ 20.00"],
                    ["n": "2", "name": "Pedro", "amount": "S/ 15.00"],
                ]
            ]
        )
        #expect(pending == "Aportes por confirmar: 1) Rosa S/ 20.00 2) Pedro S/ 15.00")
        #expect(try catalog.render("pending", ["items": .list([])]) == "Aportes por confirmar: ninguno")
        #expect(try catalog.render("pending") == "Aportes por confirmar: ninguno")
        #expect(try catalog.render("trend", ["index": "74", "up": true]) == "Indice 74 (sube)")
        #expect(try catalog.render("trend", ["index": "38", "up": false]) == "Indice 38 (baja)")
    }

    @Test("a missing key throws an error naming key and language")
    func missingKey() throws {
        let catalog = try spanish()
        let error = #expect(throws: MessageCatalogError.self) { try catalog.render("no.such.key", [:]) }
        #expect(error?.code == .missingKey)
        #expect(error?.key == "no.such.key")
        #expect(error?.language == "es")
        #expect(error?.description == "No message template 'no.such.key' in language 'es'")
        #expect(error?.shortDescription == "missing_key")
    }

    @Test("a value used outside sections must be given; the error does not repeat the values")
    func missingValue() throws {
        let catalog = try spanish()
        let error = #expect(throws: MessageCatalogError.self) { try catalog.render("menu.socio", ["name": "Rosa"]) }
        #expect(error?.code == .missingValue)
        #expect(error?.placeholder == "network")
        #expect(error.map { !String(describing: $0).contains("Rosa") } == true)
    }

    @Test("an invalid template is refused when the catalog is built")
    func invalidTemplate() {
        let error = #expect(throws: MessageCatalogError.self) {
            try MessageCatalog(language: "qu", templates: ["ok": "Allin {{name}}", "broken": "{{#items}} sin cierre"])
        }
        #expect(error?.code == .invalidTemplate)
        #expect(error?.key == "broken")
        #expect(error?.language == "qu")
        #expect(error?.reason?.contains("line 1") == true)
    }

    @Test("placeholders lists variables and sections, with transforms and custom delimiters")
    func placeholders() throws {
        #expect(
            MessageCatalog.placeholders(in: "Hola {{name}}, {{{network}}} {{& amount }}") == [
                "name", "network", "amount",
            ]
        )
        #expect(
            MessageCatalog.placeholders(in: "{{#items}}{{n}}) {{name}}{{/items}}{{^items}}-{{/items}}") == [
                "items", "n", "name",
            ]
        )
        #expect(MessageCatalog.placeholders(in: "{{! comment }}{{uppercased(name)}} {{.}}") == ["name"])
        #expect(MessageCatalog.placeholders(in: "{{=<% %>=}}<% name %> {{literal}}") == ["name"])
        #expect(MessageCatalog.placeholders(in: "sin valores") == [])
        #expect(try spanish().placeholders(for: "trend") == ["index", "up"])
    }

    @Test("catalogs of two languages can be compared key by key")
    func mismatches() throws {
        let spanish = try MessageCatalog(
            language: "es",
            templates: ["a": "Hola {{name}}", "b": "Total {{amount}}", "c": "x"]
        )
        let english = try MessageCatalog(
            language: "en",
            templates: ["a": "Hi {{name}}", "b": "Total {{total}}", "d": "y"]
        )
        #expect(
            english.mismatches(against: spanish) == [
                "en: missing key 'c' (present in es)",
                "en: extra key 'd' (absent from es)",
                "en: key 'b' placeholders differ (lacking: [amount], extra: [total])",
            ]
        )
        #expect(spanish.mismatches(against: spanish).isEmpty)
        #expect(english.keys == ["a", "b", "d"])
        #expect(english.contains("a"))
        #expect(english.template(for: "a") == "Hi {{name}}")
    }

    @Test("a rendered message composes to one GSM-7 segment")
    func rendersToOneSegment() throws {
        let text = try spanish().render("aporte.confirm", ["amount": "S/ 20.00", "network": "Lácteos Huambocancha"])
        let sms = SMSComposer.compose(text)
        #expect(sms.encoding == .gsm7)
        #expect(sms.segments == 1)
        #expect(sms.text.contains("Lacteos"))
    }
}
