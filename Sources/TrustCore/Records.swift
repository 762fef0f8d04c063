import Foundation

/// Database identity of a stored row.
public typealias RowID = Int64

/// A producer network (red) with its short code.
public struct Network: Hashable, Sendable, Codable, Identifiable {
    public var id: RowID
    /// Short unique code, 3–10 letters, upper case (`HUAMBO`).
    public var code: String
    public var name: String
    /// IANA time zone identifier; weeks and days are counted there.
    public var timeZone: String
    /// Set by the articulador; overrides the stage derived from milestones.
    public var stageOverride: Stage?
    /// Day the improvement plan (Plan de Mejoras) started, if it has.
    public var planStartedOn: LocalDate?
    public var createdAt: Date

    /// - Parameters:
    ///   - id: row id.
    ///   - code: short code, upper case.
    ///   - name: display name.
    ///   - timeZone: IANA identifier.
    ///   - stageOverride: articulador's stage, if set.
    ///   - planStartedOn: start of the improvement plan.
    ///   - createdAt: when it was registered.
    public init(
        id: RowID, code: String, name: String, timeZone: String = "America/Lima",
        stageOverride: Stage? = nil, planStartedOn: LocalDate? = nil, createdAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.timeZone = timeZone
        self.stageOverride = stageOverride
        self.planStartedOn = planStartedOn
        self.createdAt = createdAt
    }

    /// The network's time zone (Lima when the identifier is unknown).
    public var zone: TimeZone { TimeZone(identifier: timeZone) ?? TimeZone(identifier: "America/Lima")! }

    /// Checks a network code: 3–10 ASCII letters or digits, starting with a letter.
    public static func isValidCode(_ code: String) -> Bool {
        let scalars = code.unicodeScalars
        guard (3...10).contains(scalars.count), let first = scalars.first, first.properties.isAlphabetic else { return false }
        return scalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") }
    }
}

/// A person's place in one network: one row per person and network.
public struct Member: Hashable, Sendable, Codable, Identifiable {
    public var id: RowID
    public var networkID: RowID
    /// E.164 phone, e.g. `+51987654321`; nil once the member was anonymised (BORRAR).
    public var phone: String?
    public var name: String
    public var gender: Gender?
    /// The member's short number within the network's roster.
    public var roster: Int
    public var role: Role
    /// Inactive members keep their history but no longer count.
    public var active: Bool
    /// Language code of the member's messages (`es`, `en`, …).
    public var language: String
    /// Opted out of automatic messages (BAJA); records stay.
    public var optedOut: Bool
    /// Day the member joined (counts for attendance from then on).
    public var joinedOn: LocalDate

    /// - Parameters:
    ///   - id: row id.
    ///   - networkID: the network.
    ///   - phone: E.164 phone.
    ///   - name: display name.
    ///   - gender: optional gender.
    ///   - roster: roster number.
    ///   - role: role in this network.
    ///   - active: counts in indicators.
    ///   - language: message language.
    ///   - optedOut: automatic messages off.
    ///   - joinedOn: day joined.
    public init(
        id: RowID, networkID: RowID, phone: String?, name: String, gender: Gender? = nil, roster: Int,
        role: Role = .socio, active: Bool = true, language: String = "es", optedOut: Bool = false,
        joinedOn: LocalDate = LocalDate(year: 2000, month: 1, day: 1)!
    ) {
        self.id = id
        self.networkID = networkID
        self.phone = phone
        self.name = name
        self.gender = gender
        self.roster = roster
        self.role = role
        self.active = active
        self.language = language
        self.optedOut = optedOut
        self.joinedOn = joinedOn
    }

    /// First name, for friendly replies.
    public var firstName: String { name.split(separator: " ").first.map(String.init) ?? name }
}

/// A meeting of the network.
public struct Meeting: Hashable, Sendable, Codable, Identifiable {
    public var id: RowID
    public var networkID: RowID
    public var kind: MeetingKind
    public var date: LocalDate
    /// True when the leader sent the attendance list (then the list is the truth).
    public var hasList: Bool
    /// The member who registered it.
    public var registeredBy: RowID?

    /// - Parameters:
    ///   - id: row id.
    ///   - networkID: the network.
    ///   - kind: ordinary or extraordinary.
    ///   - date: the day it was held.
    ///   - hasList: the leader sent who attended.
    ///   - registeredBy: the leader's member id.
    public init(id: RowID, networkID: RowID, kind: MeetingKind, date: LocalDate, hasList: Bool, registeredBy: RowID? = nil) {
        self.id = id
        self.networkID = networkID
        self.kind = kind
        self.date = date
        self.hasList = hasList
        self.registeredBy = registeredBy
    }
}

/// One member's attendance mark at a meeting.
public struct Attendance: Hashable, Sendable, Codable {
    public var meetingID: RowID
    public var memberID: RowID
    public var present: Bool
    public var source: AttendanceSource

    /// - Parameters:
    ///   - meetingID: the meeting.
    ///   - memberID: the member.
    ///   - present: attended or not.
    ///   - source: leader's list or the member's own answer.
    public init(meetingID: RowID, memberID: RowID, present: Bool, source: AttendanceSource) {
        self.meetingID = meetingID
        self.memberID = memberID
        self.present = present
        self.source = source
    }
}

/// A social event (integration activity), planned and then held.
public struct SocialEvent: Hashable, Sendable, Codable, Identifiable {
    public var id: RowID
    public var networkID: RowID
    /// Stable number within the network (`EVENTO HECHO 3`).
    public var number: Int
    public var title: String
    public var plannedOn: LocalDate
    /// Day it was held; nil while only planned.
    public var heldOn: LocalDate?
    /// Members present, when the leader sent a list on closing it (`EVENTO HECHO 2 1 4 5`).
    public var attendees: [RowID]?

    /// - Parameters:
    ///   - id: row id.
    ///   - networkID: the network.
    ///   - number: number within the network.
    ///   - title: what it is.
    ///   - plannedOn: planned day.
    ///   - heldOn: day held.
    ///   - attendees: member ids present, when listed.
    public init(
        id: RowID, networkID: RowID, number: Int, title: String, plannedOn: LocalDate, heldOn: LocalDate? = nil,
        attendees: [RowID]? = nil
    ) {
        self.id = id
        self.networkID = networkID
        self.number = number
        self.title = title
        self.plannedOn = plannedOn
        self.heldOn = heldOn
        self.attendees = attendees
    }
}

/// A contribution to the common fund, reported by a socio (or the tesorero) and confirmed later.
public struct Contribution: Hashable, Sendable, Codable, Identifiable {
    public var id: RowID
    public var networkID: RowID
    public var memberID: RowID
    public var amount: Money
    /// Day it was reported (local day).
    public var reportedOn: LocalDate
    public var status: ContributionStatus
    /// Day the tesorero confirmed or rejected it.
    public var decidedOn: LocalDate?

    /// - Parameters:
    ///   - id: row id (stable: `CONFIRMAR 37`).
    ///   - networkID: the network.
    ///   - memberID: who contributed.
    ///   - amount: exact amount.
    ///   - reportedOn: day reported.
    ///   - status: pending, confirmed or rejected.
    ///   - decidedOn: day of the tesorero's decision.
    public init(
        id: RowID, networkID: RowID, memberID: RowID, amount: Money, reportedOn: LocalDate,
        status: ContributionStatus = .pending, decidedOn: LocalDate? = nil
    ) {
        self.id = id
        self.networkID = networkID
        self.memberID = memberID
        self.amount = amount
        self.reportedOn = reportedOn
        self.status = status
        self.decidedOn = decidedOn
    }
}

/// A 1–5 rating given by a member or an articulador.
public struct Rating: Hashable, Sendable, Codable {
    public var networkID: RowID
    /// Who rated (member row in that network, the articulador's row for expert ratings).
    public var memberID: RowID
    public var indicator: RatedIndicator
    /// 1 (very bad) … 5 (very good).
    public var score: Int
    public var ratedOn: LocalDate
    /// The meeting or event rated, when the rating answers a prompt about one.
    public var meetingID: RowID?

    /// - Parameters:
    ///   - networkID: the network.
    ///   - memberID: who rated.
    ///   - indicator: which indicator the rating feeds.
    ///   - score: 1–5.
    ///   - ratedOn: the day.
    ///   - meetingID: the meeting rated, if any.
    public init(networkID: RowID, memberID: RowID, indicator: RatedIndicator, score: Int, ratedOn: LocalDate, meetingID: RowID? = nil) {
        self.networkID = networkID
        self.memberID = memberID
        self.indicator = indicator
        self.score = score
        self.ratedOn = ratedOn
        self.meetingID = meetingID
    }
}

/// A joint project with its co-financing.
public struct JointProject: Hashable, Sendable, Codable, Identifiable {
    public var id: RowID
    public var networkID: RowID
    /// Stable number within the network (`PROYECTO CERRADO 2`).
    public var number: Int
    public var title: String
    public var totalCost: Money
    /// The network's own share of the cost.
    public var ownShare: Money
    public var startedOn: LocalDate
    public var closedOn: LocalDate?

    /// - Parameters:
    ///   - id: row id.
    ///   - networkID: the network.
    ///   - number: number within the network.
    ///   - title: name.
    ///   - totalCost: total cost.
    ///   - ownShare: the network's share.
    ///   - startedOn: start day.
    ///   - closedOn: day closed.
    public init(
        id: RowID, networkID: RowID, number: Int, title: String, totalCost: Money, ownShare: Money,
        startedOn: LocalDate, closedOn: LocalDate? = nil
    ) {
        self.id = id
        self.networkID = networkID
        self.number = number
        self.title = title
        self.totalCost = totalCost
        self.ownShare = ownShare
        self.startedOn = startedOn
        self.closedOn = closedOn
    }
}

/// Everything the indicators of one network are computed from: plain values, no database.
public struct NetworkRecords: Sendable, Equatable {
    public var network: Network
    public var members: [Member]
    public var meetings: [Meeting]
    public var attendance: [Attendance]
    public var events: [SocialEvent]
    public var contributions: [Contribution]
    public var ratings: [Rating]
    public var projects: [JointProject]

    /// - Parameters:
    ///   - network: the network.
    ///   - members: all rows of the network, articuladores and inactive included.
    ///   - meetings: meetings.
    ///   - attendance: attendance marks.
    ///   - events: social events.
    ///   - contributions: contributions.
    ///   - ratings: ratings.
    ///   - projects: joint projects.
    public init(
        network: Network, members: [Member] = [], meetings: [Meeting] = [], attendance: [Attendance] = [],
        events: [SocialEvent] = [], contributions: [Contribution] = [], ratings: [Rating] = [], projects: [JointProject] = []
    ) {
        self.network = network
        self.members = members
        self.meetings = meetings
        self.attendance = attendance
        self.events = events
        self.contributions = contributions
        self.ratings = ratings
        self.projects = projects
    }
}
