/// The keywords the bot understands, in every language it speaks. Matching is on normalised words
/// (upper case, no accents, no punctuation), so `reunión`, `REUNION` and `Reunion.` are the same.
public enum Command: String, Sendable, CaseIterable {
    case menu, help, attended, contribution, mine, pulse, optOut, optIn, correct

    /// Words that start each command.
    static let words: [String: Command] = {
        var table: [String: Command] = [:]
        let spellings: [Command: [String]] = [
            .menu: ["HOLA", "MENU", "INICIO", "OPCIONES", "HELLO", "HI"],
            .help: ["AYUDA", "?", "HELP"],
            .attended: ["ASISTI", "ASISTO", "ASISTIR", "ASISTENCIA", "ATTENDED", "ATTENDANCE"],
            .contribution: ["APORTE", "APORTES", "APORTO", "APORTAR", "CONTRIBUTION", "CONTRIBUTE"],
            .mine: ["MIO", "MIOS", "RESUMEN", "MINE", "SUMMARY"],
            .pulse: ["OPINAR", "OPINION", "OPINO", "FEEDBACK"],
            .optOut: ["BAJA", "STOP", "PARAR", "ALTO"],
            .optIn: ["ALTA", "START", "VOLVER"],
            .correct: ["CORREGIR", "CORREGI", "CORRECCION", "UNDO", "CORRECT"],
        ]
        for (command, list) in spellings {
            for word in list { table[word] = command }
        }
        return table
    }()

    /// The command a normalised first word starts, if any.
    /// - Parameter word: an upper-case, accent-free word.
    public init?(word: String) {
        guard let command = Command.words[word] else { return nil }
        self = command
    }
}
