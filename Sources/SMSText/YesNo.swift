/// Reads an answer to a yes/no question: `si`, `sí`, `s`, `1`, `yes`, `y`, `ok` or `no`, `n`, `2`.
///
/// Quechua `ari` / `manan` are understood too. A clear yes or no may be followed by courtesy words
/// (`si gracias`, `no, gracias`); anything else is not an answer.
public enum YesNo {
    private static let yes: Set<String> = ["SI", "S", "1", "YES", "Y", "OK", "OKAY", "ARI"]
    private static let no: Set<String> = ["NO", "N", "2", "MANAN"]
    private static let spelledOut: Set<String> = ["SI", "YES", "OK", "ARI", "NO", "MANAN"]
    private static let courtesy: Set<String> = ["GRACIAS", "CLARO", "POR", "FAVOR", "THANKS", "THANK", "YOU", "PLEASE"]

    /// `true` for yes, `false` for no, `nil` when the text is neither.
    public static func parse(_ text: String) -> Bool? {
        let words = Keyword.words(text)
        guard let first = words.first else { return nil }
        if words.count > 1 {
            guard spelledOut.contains(first), words.dropFirst().allSatisfy(courtesy.contains) else { return nil }
        }
        if yes.contains(first) { return true }
        if no.contains(first) { return false }
        return nil
    }
}
