extension NetworkRecords {
    /// The last day on or before `today` that the network reported anything (a meeting, a held event, a
    /// contribution or its confirmation, a member's rating, a project started or closed, the plan started).
    /// - Parameter today: the network's current local day; later dates are ignored.
    public func lastActivity(asOf today: LocalDate) -> LocalDate? {
        let book = RecordBook(self)
        var days: [LocalDate] = book.meetings.map(\.date)
        days += book.events.compactMap(\.heldOn)
        days += book.contributions.map(\.reportedOn) + book.contributions.compactMap(\.decidedOn)
        days += book.ratings.filter { book.rows[$0.memberID]?.role != .articulador }.map(\.ratedOn)
        days += book.projects.map(\.startedOn) + book.projects.compactMap(\.closedOn)
        if let plan = network.planStartedOn { days.append(plan) }
        return days.filter { $0 <= today }.max()
    }
}
