/// The twelve indicators of the guide's section 4, in their fixed display and tie-break order.
public enum IndicatorID: String, Hashable, Sendable, CaseIterable, Codable, CodingKeyRepresentable, Comparable,
    CustomStringConvertible
{
    /// Social processes: events held, regular attendance, extraordinary meetings.
    case s1 = "S1", s2 = "S2", s3 = "S3"
    /// Qualitative: satisfaction, compliance, participation, transparency, formality.
    case q1 = "Q1", q2 = "Q2", q3 = "Q3", q4 = "Q4", q5 = "Q5"
    /// Economic processes: fund growth, co-financing, infrastructure, innovation.
    case e1 = "E1", e2 = "E2", e3 = "E3", e4 = "E4"

    /// How an indicator's value reads and is normalised for the index.
    public enum Scale: String, Hashable, Sendable, Codable {
        /// A share, normalised as min(1, value ÷ target).
        case ratio
        /// A mean 1–5 rating, normalised as (x − 1) ÷ 4.
        case rating
        /// A growth rate (0.2 = +20%), normalised as clamp(0.5 + g ÷ scale, 0, 1).
        case growth
    }

    /// `S1` … `E4`, as printed in SMS, CLI and JSON.
    public var code: String { rawValue }

    /// Same as `code`.
    public var description: String { rawValue }

    /// The scale of the indicator's value.
    public var scale: Scale {
        switch self {
        case .s1, .s2, .s3, .q3, .e2: .ratio
        case .q1, .q2, .q4, .q5, .e3, .e4: .rating
        case .e1: .growth
        }
    }

    /// State indicators are read at the period's end; the others count what happened inside it.
    public var isState: Bool {
        switch self {
        case .s2, .e2, .q5, .e3, .e4: true
        default: false
        }
    }

    /// Short Spanish name.
    public var spanishName: String {
        switch self {
        case .s1: "Eventos sociales"
        case .s2: "Asistencia regular"
        case .s3: "Reuniones extraordinarias"
        case .q1: "Satisfacción"
        case .q2: "Cumplimiento de normas"
        case .q3: "Participación"
        case .q4: "Transparencia"
        case .q5: "Formalidad"
        case .e1: "Aportes al fondo común"
        case .e2: "Cofinanciamiento"
        case .e3: "Infraestructura"
        case .e4: "Innovación"
        }
    }

    /// Short English name.
    public var englishName: String {
        switch self {
        case .s1: "Social events"
        case .s2: "Regular attendance"
        case .s3: "Extraordinary meetings"
        case .q1: "Satisfaction"
        case .q2: "Compliance with norms"
        case .q3: "Participation"
        case .q4: "Transparency"
        case .q5: "Formality"
        case .e1: "Common fund growth"
        case .e2: "Co-financing"
        case .e3: "Infrastructure"
        case .e4: "Innovation"
        }
    }

    /// The short name in a language (`en` gives English, anything else Spanish).
    /// - Parameter language: a language code such as `es` or `en`.
    public func name(in language: String) -> String {
        language.lowercased().hasPrefix("en") ? englishName : spanishName
    }

    /// The indicator a 1–5 rating feeds.
    /// - Parameter rated: the rated indicator.
    public init(_ rated: RatedIndicator) {
        switch rated {
        case .q1: self = .q1
        case .q2: self = .q2
        case .q4: self = .q4
        case .q5: self = .q5
        case .e3: self = .e3
        case .e4: self = .e4
        }
    }

    /// Parses `S1` … `E4`, in any case.
    /// - Parameter code: the code as written in config or on the command line.
    public init?(code: String) {
        self.init(rawValue: code.uppercased())
    }

    /// Position in the fixed order `S1` … `E4`.
    public var order: Int {
        switch self {
        case .s1: 0
        case .s2: 1
        case .s3: 2
        case .q1: 3
        case .q2: 4
        case .q3: 5
        case .q4: 6
        case .q5: 7
        case .e1: 8
        case .e2: 9
        case .e3: 10
        case .e4: 11
        }
    }

    /// The fixed order S1 … E4.
    public static func < (lhs: IndicatorID, rhs: IndicatorID) -> Bool { lhs.order < rhs.order }

    /// Decodes a code in any case (`S3`, `s3`).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = IndicatorID(code: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an indicator: \(text)"))
        }
        self = id
    }

    /// Reads a dictionary key in any case, so config may write `s3:` or `S3:`.
    public init?<T: CodingKey>(codingKey: T) {
        self.init(code: codingKey.stringValue)
    }
}
