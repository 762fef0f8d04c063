import Foundation

/// Finds the tags of a Mustache template, for checking which values a template uses.
///
/// It runs on templates swift-mustache has already parsed, so it can be lenient; it follows
/// delimiter changes (`{{=<% %>=}}`) and reads the value name out of transforms (`{{uppercased(name)}}`).
struct MustacheTagScanner {
    /// What a tag does.
    enum Kind: Equatable {
        case variable
        case section
        case invertedSection
    }

    /// One tag that names a value, with the number of sections around it.
    struct Tag: Equatable {
        var kind: Kind
        var name: String
        var depth: Int
    }

    /// The value-naming tags of the template, in order.
    static func tags(in template: String) -> [Tag] {
        var tags: [Tag] = []
        var open = "{{"
        var close = "}}"
        var depth = 0
        var position = template.startIndex
        while let start = template.range(of: open, range: position..<template.endIndex) {
            var contentStart = start.upperBound
            var closer = close
            if open == "{{", contentStart < template.endIndex, template[contentStart] == "{" {
                contentStart = template.index(after: contentStart)
                closer = "}}}"
            }
            guard let end = template.range(of: closer, range: contentStart..<template.endIndex) else { break }
            position = end.upperBound
            var content = template[contentStart..<end.lowerBound]
            if closer == "}}}" {
                tags.append(Tag(kind: .variable, name: valueName(content), depth: depth))
                continue
            }
            content = content.drop(while: \.isWhitespace)
            guard let sigil = content.first else { continue }
            let rest = content.dropFirst()
            switch sigil {
            case "#":
                tags.append(Tag(kind: .section, name: valueName(rest), depth: depth))
                depth += 1
            case "^":
                tags.append(Tag(kind: .invertedSection, name: valueName(rest), depth: depth))
                depth += 1
            case "$", "<":
                depth += 1
            case "/":
                depth = max(0, depth - 1)
            case "&":
                tags.append(Tag(kind: .variable, name: valueName(rest), depth: depth))
            case "!", ">", "%":
                continue
            case "=":
                let delimiters = rest.split(whereSeparator: { $0.isWhitespace || $0 == "=" })
                if delimiters.count == 2 {
                    open = String(delimiters[0])
                    close = String(delimiters[1])
                }
            default:
                tags.append(Tag(kind: .variable, name: valueName(content), depth: depth))
            }
        }
        return tags.filter { !$0.name.isEmpty && $0.name != "." }
    }

    /// `name`, or the argument of a transform call: `uppercased(name)` → `name`.
    private static func valueName(_ text: Substring) -> String {
        var name = text.trimmingCharacters(in: .whitespaces)
        if let open = name.lastIndex(of: "(") {
            name = String(name[name.index(after: open)...].prefix(while: { $0 != ")" }))
        }
        return name
    }
}
