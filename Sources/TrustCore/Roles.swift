import Foundation

/// What a person is in one network.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case socio, presidente, secretario, tesorero, articulador

    /// Board members (junta directiva) may register meetings, events and projects.
    public var isLeader: Bool { self == .presidente || self == .secretario || self == .tesorero }

    /// Members of the network are everyone but the articulador, who follows it from outside.
    public var isMember: Bool { self != .articulador }

    /// Parses the CSV/CLI spelling; `lider` means presidente.
    /// - Parameter text: `socio`, `presidente`, `secretario`, `tesorero`, `articulador` or `lider`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "í", with: "i")
        if t == "lider" { self = .presidente; return }
        self.init(rawValue: t)
    }
}

/// Optional gender, for the guide's "participación activa de las mujeres".
public enum Gender: String, Sendable, Codable, CaseIterable, Hashable {
    case female = "F"
    case male = "M"
}

/// The guide's three stages of trust building.
public enum Stage: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case generacion, fortalecimiento, consolidacion

    private var order: Int { Stage.allCases.firstIndex(of: self)! }
    public static func < (lhs: Stage, rhs: Stage) -> Bool { lhs.order < rhs.order }
}

/// Ordinary or extraordinary meeting (S3 counts the extraordinary ones).
public enum MeetingKind: String, Sendable, Codable, CaseIterable, Hashable {
    case ordinary, extraordinary
}

/// Where an attendance mark came from: the leader's list is the truth; a self-confirmation counts
/// only for meetings registered without a list.
public enum AttendanceSource: String, Sendable, Codable, Hashable {
    case list, member
}

/// State of a reported contribution.
public enum ContributionStatus: String, Sendable, Codable, Hashable {
    case pending, confirmed, rejected
}

/// The indicators fed by 1–5 ratings.
public enum RatedIndicator: String, Sendable, Codable, CaseIterable, Hashable {
    /// Satisfaction with joint activities (socios).
    case q1
    /// Compliance with internal norms and contracts (socios + articulador).
    case q2
    /// Transparency (socios).
    case q4
    /// Formality of the organisation (articulador).
    case q5
    /// Economic-productive infrastructure (articulador).
    case e3
    /// Common adoption of innovations (articulador).
    case e4
}
