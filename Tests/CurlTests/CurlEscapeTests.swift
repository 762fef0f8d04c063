import CCurl
import Curl
import Testing

@Suite("Percent-encoding")
struct CurlEscapeTests {
    @Test(arguments: ["¿Cómo está?", "+51987654321", "a b&c=d/e", "AZaz09-._~", "", "€ 😀 \u{0}x", "100%"])
    func escapeMatchesCurlEasyEscape(_ value: String) throws {
        // Explicit length, so an embedded NUL is escaped rather than ending the string.
        let curlText: String? = value.withCString { start in
            guard let escaped = curl_easy_escape(nil, start, Int32(value.utf8.count)) else { return nil }
            defer { curl_free(escaped) }
            return String(cString: escaped)
        }
        let expected = try #require(curlText)
        #expect(CurlClient.escape(value) == expected)
    }

    @Test func spanishQuestion() {
        #expect(CurlClient.escape("¿Cómo está?") == "%C2%BFC%C3%B3mo%20est%C3%A1%3F")
    }

    @Test func formEncodingKeepsOrderAndRepeats() {
        let body = CurlClient.formEncode([("To", "+51987654321"), ("Body", "a b"), ("To", "x&y")])
        #expect(body == "To=%2B51987654321&Body=a%20b&To=x%26y")
    }
}
