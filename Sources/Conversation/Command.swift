import TrustCore

/// The keywords the bot understands, in every language it speaks. Matching is on normalised words
/// (upper case, no accents, no punctuation), so `reunión`, `REUNION` and `Reunion.` are the same.
public enum Command: String, Sendable, CaseIterable {
    // Everyone.
    case menu, help, optOut, optIn, correct, language, more, summary
    // Socio (leaders are socios too).
    case attended, contribution, mine, pulse
    // Líder.
    case meeting, event, project, plan
    // Tesorero.
    case pendingList, confirm, reject
    // Articulador.
    case networks, status, alerts, addMember, rate, stage

    /// Words that start each command, Spanish and English, with common misspellings.
    static let spellings: [Command: [String]] = [
        .menu: ["HOLA", "MENU", "INICIO", "OPCIONES", "HELLO", "HI", "OPTIONS"],
        .help: ["AYUDA", "?", "HELP"],
        .attended: ["ASISTI", "ASISTO", "ASISTIR", "ASISTENCIA", "ATTENDED", "ATTENDANCE"],
        .contribution: ["APORTE", "APORTES", "APORTO", "APORTAR", "CONTRIBUTION", "CONTRIBUTE"],
        .mine: ["MIO", "MIOS", "MINE"],
        .summary: ["RESUMEN", "RESUMENES", "SUMMARY"],
        .pulse: ["OPINAR", "OPINION", "OPINO", "FEEDBACK"],
        .optOut: ["BAJA", "STOP", "PARAR", "ALTO"],
        .optIn: ["ALTA", "START", "VOLVER"],
        .correct: ["CORREGIR", "CORREGI", "CORRECCION", "UNDO", "CORRECT"],
        .language: ["IDIOMA", "LENGUA", "LANGUAGE"],
        .more: ["MAS", "MORE", "SIGUIENTE", "NEXT"],
        .meeting: ["REUNION", "REUNIONES", "REUNON", "MEETING"],
        .event: ["EVENTO", "EVENTOS", "ACTIVIDAD", "EVENT"],
        .project: ["PROYECTO", "PROYECTOS", "PROJECT"],
        .plan: ["PLAN"],
        .pendingList: ["PENDIENTES", "PENDIENTE", "PENDING"],
        .confirm: ["CONFIRMAR", "CONFIRMO", "CONFIRMA", "CONFIRM"],
        .reject: ["RECHAZAR", "RECHAZO", "RECHAZA", "REJECT"],
        .networks: ["REDES", "RED", "NETWORKS"],
        .status: ["ESTADO", "STATUS"],
        .alerts: ["ALERTAS", "ALERTA", "ALERTS"],
        .addMember: ["SOCIO", "INSCRIBIR", "MEMBER"],
        .rate: ["CALIFICAR", "CALIFICACION", "RATE"],
        .stage: ["ETAPA", "STAGE"],
    ]

    static let words: [String: Command] = {
        var table: [String: Command] = [:]
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

/// Second words that change what a command does (`EVENTO HECHO 2`, `PROYECTO CERRADO 1`, `CONFIRMAR TODOS`).
enum Modifier {
    static let done: Set<String> = ["HECHO", "HECHA", "REALIZADO", "REALIZADA", "DONE", "HELD"]
    static let closed: Set<String> = ["CERRADO", "CERRAR", "TERMINADO", "CLOSED", "CLOSE", "DONE"]
    static let all: Set<String> = ["TODOS", "TODAS", "TODO", "ALL"]
    static let ordinary: Set<String> = ["ORD", "ORDINARIA", "ORDINARIO", "ORDINARY", "O"]
    static let extraordinary: Set<String> = ["EXT", "EXTRA", "EXTRAORDINARIA", "EXTRAORDINARIO", "EXTRAORDINARY", "E"]
    static let automatic: Set<String> = ["AUTO", "AUTOMATICA", "AUTOMATICO", "AUTOMATIC"]

    /// `ORD` / `EXT` (and `1` / `2` when `numbers`) as a meeting kind.
    static func meetingKind(_ word: String, numbers: Bool) -> MeetingKind? {
        if ordinary.contains(word) || (numbers && word == "1") { return .ordinary }
        if extraordinary.contains(word) || (numbers && word == "2") { return .extraordinary }
        return nil
    }
}
