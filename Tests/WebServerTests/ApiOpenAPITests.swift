import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import WebServer
import Yams

/// `openapi.yaml` is the API's contract: every documented path is a route, and every documented answer is
/// given, with the documented media type and the schema's required properties.
@Suite("openapi.yaml matches the routes")
struct ApiOpenAPITests {
    static var document: [String: Any] {
        get throws {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("openapi.yaml")
            let text = try String(contentsOf: url, encoding: .utf8)
            return try #require(try Yams.load(yaml: text) as? [String: Any])
        }
    }

    /// Resolves `#/components/schemas/X`.
    static func schema(_ node: [String: Any], in document: [String: Any]) throws -> [String: Any] {
        guard let ref = node["$ref"] as? String else { return node }
        var current: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            current = try #require((current as? [String: Any])?[String(part)], "\(ref)")
        }
        return try #require(current as? [String: Any])
    }

    /// Checks a JSON value against the schema's type, required properties, array items and enums (recursively).
    static func check(_ value: Any, against node: [String: Any], in document: [String: Any], at path: String) throws {
        let schema = try schema(node, in: document)
        switch schema["type"] as? String {
        case "object":
            let object = try #require(value as? [String: Any], "\(path) is an object")
            for key in schema["required"] as? [String] ?? [] { #expect(object[key] != nil, "\(path).\(key) is required") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                let property = try #require(properties[key] as? [String: Any], "\(path).\(key) is documented")
                if !(child is NSNull) { try check(child, against: property, in: document, at: "\(path).\(key)") }
            }
        case "array":
            let array = try #require(value as? [Any], "\(path) is an array")
            let items = try #require(schema["items"] as? [String: Any])
            for (index, item) in array.enumerated() { try check(item, against: items, in: document, at: "\(path)[\(index)]") }
        case "string":
            let text = try #require(value as? String, "\(path) is a string")
            if let choices = schema["enum"] as? [String] { #expect(choices.contains(text), "\(path) = \(text)") }
        case "integer": #expect((value as? Int) != nil, "\(path) is an integer")
        case "number": #expect((value as? Double) != nil, "\(path) is a number")
        case "boolean": #expect((value as? Bool) != nil, "\(path) is a boolean")
        default: Issue.record("\(path): schema without a type")
        }
    }

    @Test func everyDocumentedPathAnswersAsDocumented() async throws {
        let documented = try #require(try Self.document["paths"] as? [String: Any])
        #expect(Set(documented.keys) == ["/api/networks", "/api/networks/{code}/indicators"])
        let (f, token) = try await ApiTests.withToken()
        try await f.application.test(.router) { client in
            // The parsed YAML is not Sendable: read it again inside the test client's closure.
            let document = try Self.document
            let paths = try #require(document["paths"] as? [String: Any])
            for (template, item) in paths {
                for (method, raw) in try #require(item as? [String: Any]) {
                    let operation = try #require(raw as? [String: Any])
                    #expect(method == "get", "\(template): only GET is documented and routed")
                    let parameters = operation["parameters"] as? [[String: Any]] ?? []
                    let responses = try #require(operation["responses"] as? [String: Any])
                    for (code, rawResponse) in responses {
                        let request = try #require(Self.request(for: code, template: template, parameters: parameters, token: token), "\(template) \(code)")
                        let response = try await client.send(request.uri, headers: request.headers)
                        #expect(response.status.code == Int(code), "\(request.uri) answers \(code)")
                        let content = try #require((rawResponse as? [String: Any])?["content"] as? [String: Any])
                        let media = try #require(content["application/json"] as? [String: Any])
                        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                        let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
                        try Self.check(json, against: try #require(media["schema"] as? [String: Any]), in: document, at: "\(template) \(code)")
                    }
                }
            }
        }
    }

    /// A request that should give `code`: documented examples with the token for 200, no token for 401, an
    /// unknown path value for 404, an unreadable query value for 400.
    static func request(for code: String, template: String, parameters: [[String: Any]], token: String) -> (uri: String, headers: HTTPFields)? {
        var path = template
        var query: [String] = []
        for parameter in parameters {
            guard let name = parameter["name"] as? String, let example = parameter["example"].map({ "\($0)" }) else { return nil }
            switch parameter["in"] as? String {
            case "path": path = path.replacingOccurrences(of: "{\(name)}", with: code == "404" ? "ZZNONE" : example)
            case "query": query.append("\(name)=\(code == "400" ? "not-a-period" : example)")
            default: return nil
            }
        }
        if code == "400" && query.isEmpty { return nil }
        let headers: HTTPFields = code == "401" ? [:] : [.authorization: "Bearer \(token)"]
        guard ["200", "400", "401", "404"].contains(code) else { return nil }
        return (query.isEmpty ? path : path + "?" + query.joined(separator: "&"), headers)
    }
}
