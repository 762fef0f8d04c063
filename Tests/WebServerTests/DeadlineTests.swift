import Synchronization
import Testing

@testable import WebServer

@Suite("Deadline race", .timeLimit(.minutes(1)))
struct DeadlineTests {
    struct Failed: Error, Equatable {}

    @Test func workThatFinishesInTimeIsTheAnswer() async throws {
        let lateCalls = Mutex(0)
        let value = try await withDeadline(seconds: 5) { 42 } late: { _ in lateCalls.withLock { $0 += 1 } }
        #expect(value == 42)
        #expect(lateCalls.withLock { $0 } == 0)
    }

    @Test func anErrorInTimeIsRethrownAsItIs() async throws {
        await #expect(throws: Failed.self) { try await withDeadline(seconds: 5) { throw Failed() } }
    }

    @Test func slowWorkIsAnsweredAtTheDeadlineAndStillFinishes() async throws {
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let (finished, report) = AsyncStream.makeStream(of: Int.self)
        await #expect(throws: DeadlineExceeded.self) {
            try await withDeadline(seconds: 0.05) {
                for await _ in gate {}  // runs until the test opens the gate, long after the deadline
                return 7
            } late: { result in
                report.yield((try? result.get()) ?? -1)
                report.finish()
            }
        }
        open.finish()
        var late: [Int] = []
        for await value in finished { late.append(value) }
        #expect(late == [7])
    }

    @Test func theWatchExpiresWhatIsDueOnceAndForgetsWhatWasRemoved() async throws {
        let watch = DeadlineWatch(tick: .milliseconds(10))
        let expired = Mutex<[String]>([])
        _ = watch.add(after: 0.03) { expired.withLock { $0.append("due") } }
        let finished = watch.add(after: 0.03) { expired.withLock { $0.append("finished") } }
        let later = watch.add(after: 60) { expired.withLock { $0.append("later") } }
        watch.remove(finished)
        #expect(watch.count == 2)
        let start = ContinuousClock.now
        while expired.withLock({ $0.isEmpty }), ContinuousClock.now - start < .seconds(5) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        #expect(expired.withLock { $0 } == ["due"])
        #expect(watch.count == 1)
        watch.remove(later)  // its sweeper then stops at its next tick
    }
}
