import Foundation

/// Counts messages per phone in a sliding minute; a phone over the limit is ignored (its messages
/// are logged, not answered), so one stuck handset cannot flood the bot or the outbox.
actor FloodGuard {
    private let limit: Int
    private var recent: [String: [Date]] = [:]

    init(limitPerMinute: Int) {
        self.limit = limitPerMinute
    }

    func isFlooding(_ phone: String, now: Date) -> Bool {
        let window = now.addingTimeInterval(-60)
        var times = (recent[phone] ?? []).filter { $0 > window }
        times.append(now)
        recent[phone] = times
        if recent.count > 10_000 { recent = recent.filter { $0.value.last.map { $0 > window } ?? false } }
        return times.count > limit
    }
}
