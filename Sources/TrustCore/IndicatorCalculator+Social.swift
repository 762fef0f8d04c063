extension IndicatorCalculator {
    /// S1: events planned for a day in the period that were held ÷ events planned for a day in the period.
    static func socialEvents(_ book: RecordBook, _ period: Period) -> IndicatorResult {
        let planned = book.events.filter { period.contains($0.plannedOn) }
        let held = planned.filter { $0.heldOn != nil }
        return .ratio(.s1, held.count, of: planned.count, dataPoints: planned.count)
    }

    /// S3: extraordinary meetings ÷ all meetings held in the period.
    static func extraordinaryMeetings(_ book: RecordBook, _ period: Period) -> IndicatorResult {
        let held = book.meetings.filter { period.contains($0.date) }
        let extraordinary = held.filter { $0.kind == .extraordinary }
        return .ratio(.s3, extraordinary.count, of: held.count, dataPoints: held.count)
    }

    /// S2 at the period's end: members present at ≥ threshold of the latest ordinary meetings they were expected at
    /// ÷ members expected at at least one of them.
    static func regularAttendance(_ book: RecordBook, _ period: Period, _ settings: IndicatorSettings) -> IndicatorResult {
        let latest = book.meetings.filter { $0.kind == .ordinary && $0.date < period.end }
            .suffix(max(1, settings.regularAttendanceMeetings))
        func compute(_ gender: Gender?) -> IndicatorResult {
            guard !latest.isEmpty else { return .missing(.s2) }
            var regular = 0
            var considered = 0
            for member in book.counted where gender == nil || member.gender == gender {
                let expectedAt = latest.filter { member.joinedOn <= $0.date }
                guard !expectedAt.isEmpty else { continue }
                considered += 1
                let attended = expectedAt.filter { book.presentAt[$0.id]?.contains(member.id) == true }.count
                // Compare in whole counts scaled by the threshold, with a hair of slack for 0.75 × 4 and the like.
                if Double(attended) >= settings.regularAttendanceThreshold * Double(expectedAt.count) - 1e-9 {
                    regular += 1
                }
            }
            return .ratio(.s2, regular, of: considered, dataPoints: latest.count)
        }
        return compute(nil).with(byGender: genderBreakdown(book, compute))
    }

    /// Q3: people present ÷ people expected over the period's meetings and the events held in it with a list.
    static func participation(_ book: RecordBook, _ period: Period) -> IndicatorResult {
        var occasions: [(day: LocalDate, present: Set<RowID>)] = book.meetings
            .filter { period.contains($0.date) }
            .map { ($0.date, book.presentAt[$0.id] ?? []) }
        for event in book.events {
            guard let held = event.heldOn, period.contains(held), let attendees = event.attendees else { continue }
            occasions.append((held, Set(attendees)))
        }
        func compute(_ gender: Gender?) -> IndicatorResult {
            var present = 0
            var expected = 0
            for occasion in occasions {
                let people = book.expected(on: occasion.day, gender: gender)
                expected += people.count
                present += people.filter { occasion.present.contains($0.id) }.count
            }
            return .ratio(.q3, present, of: expected, dataPoints: occasions.count)
        }
        return compute(nil).with(byGender: genderBreakdown(book, compute))
    }

    /// The per-gender results for each gender some counted member has.
    private static func genderBreakdown(
        _ book: RecordBook, _ compute: (Gender?) -> IndicatorResult
    ) -> [Gender: IndicatorResult] {
        Dictionary(uniqueKeysWithValues: book.knownGenders.map { ($0, compute($0)) })
    }
}
