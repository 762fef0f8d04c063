import Conversation
import Foundation
import SMSText
import Yams

/// Loads `config/messages/*.yaml` into a `MessageBook`: one file per language, so adding a
/// language (Quechua for Cusco) is only a new file.
public enum MessageLoader {
    /// Why the message files could not be loaded.
    public struct LoadError: Error, CustomStringConvertible {
        /// The file.
        public var file: String
        /// What is wrong with it.
        public var reason: String
        public var description: String { "message file \(file): \(reason)" }
    }

    /// Reads every `*.yaml` in `directory`.
    /// - Parameters:
    ///   - directory: the messages folder.
    ///   - defaultLanguage: fallback language; its file must exist.
    public static func load(directory: String, defaultLanguage: String = "es") throws -> MessageBook {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        var catalogs: [String: MessageCatalog] = [:]
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let (language, templates) = try parse(yaml: text, file: file)
            catalogs[language] = try MessageCatalog(language: language, templates: templates)
        }
        guard catalogs[defaultLanguage] != nil else {
            throw LoadError(file: directory, reason: "no \(defaultLanguage).yaml (the default language)")
        }
        return MessageBook(catalogs: catalogs, defaultLanguage: defaultLanguage)
    }

    /// Parses one file: `language:` and a flat `messages:` mapping of key → template.
    /// - Parameters:
    ///   - yaml: the file's text.
    ///   - file: its name, for errors.
    public static func parse(yaml: String, file: String) throws -> (language: String, templates: [String: String]) {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else {
            throw LoadError(file: file, reason: "not a YAML mapping")
        }
        guard let language = root["language"] as? String, !language.isEmpty else {
            throw LoadError(file: file, reason: "missing `language:`")
        }
        guard let messages = root["messages"] as? [String: Any] else {
            throw LoadError(file: file, reason: "missing `messages:` mapping")
        }
        var templates: [String: String] = [:]
        for (key, value) in messages {
            guard let text = value as? String else { throw LoadError(file: file, reason: "`\(key)` is not a text") }
            templates[key] = text
        }
        return (language, templates)
    }
}
