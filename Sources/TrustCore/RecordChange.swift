/// A change to the records, as the conversation decides it and the store applies it. Values only:
/// the conversation never touches the database.
public enum RecordChange: Sendable, Equatable, Codable {
    /// A socio (or the tesorero for someone) reports a contribution.
    case reportContribution(networkID: RowID, memberID: RowID, amount: Money, on: LocalDate, status: ContributionStatus)
    /// The tesorero confirms or rejects a pending contribution.
    case decideContribution(id: RowID, status: ContributionStatus, on: LocalDate)
    /// A leader registers a meeting; `present` nil means "no list: ask each member".
    case registerMeeting(networkID: RowID, kind: MeetingKind, date: LocalDate, registeredBy: RowID?, present: [RowID]?)
    /// A member's own answer, or a correction of the list.
    case markAttendance(meetingID: RowID, memberID: RowID, present: Bool, source: AttendanceSource)
    /// A 1–5 rating.
    case rate(Rating)
    /// A leader plans a social event.
    case planEvent(networkID: RowID, title: String, plannedOn: LocalDate)
    /// A leader closes an event, optionally with who attended.
    case closeEvent(networkID: RowID, number: Int, heldOn: LocalDate, attendees: [RowID]?)
    /// A leader registers a joint project.
    case startProject(networkID: RowID, title: String, totalCost: Money, ownShare: Money, startedOn: LocalDate)
    /// A leader closes a joint project.
    case closeProject(networkID: RowID, number: Int, closedOn: LocalDate)
    /// The improvement plan started (stage fortalecimiento).
    case startPlan(networkID: RowID, on: LocalDate)
    /// The articulador sets (or clears) the stage.
    case setStage(networkID: RowID, stage: Stage?)
    /// Opt out of (true) or back into (false) automatic messages, for every row of the phone.
    case setOptOut(phone: String, optedOut: Bool)
    /// Message language for every row of the phone.
    case setLanguage(phone: String, language: String)
    /// Undo a record written earlier (CORREGIR).
    case undo(RecordRef)
}

/// Points at a record written by a `RecordChange`, so that it can be undone.
public enum RecordRef: Sendable, Equatable, Codable {
    case contribution(RowID)
    case meeting(RowID)
    case attendance(meetingID: RowID, memberID: RowID)
    case rating(RowID)
    case event(RowID)
    case project(RowID)
    case plan(networkID: RowID)
}
