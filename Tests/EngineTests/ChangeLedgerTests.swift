import Engine
import Testing

@Suite("Change ledger")
struct ChangeLedgerTests {
    @Test func aSnapshotIsCurrentUntilAKeyItReadIsWrittenAfterIt() {
        let ledger = ChangeLedger()
        let first = ledger.begin()
        ledger.wrote(.phone("+51987000004"), in: first)
        ledger.end(first)
        let reads = SnapshotReads(generation: ledger.completed, keys: [.phone("+51987000004"), .network(1)], untracked: false)
        #expect(ledger.unchanged(reads), "written before the snapshot: visible to it")
        let second = ledger.begin()
        ledger.wrote(.phone("+51987000005"), in: second)
        ledger.wrote(.member(7), in: second)
        #expect(ledger.unchanged(reads), "other keys")
        ledger.wrote(.network(1), in: second)
        #expect(!ledger.unchanged(reads), "written by the open transaction itself")
        ledger.end(second)
        #expect(!ledger.unchanged(reads))
    }

    @Test func readsReusedFromEarlierSnapshotsAreCheckedFromTheirOwnGeneration() {
        let ledger = ChangeLedger()
        let first = ledger.begin()
        ledger.end(first)
        let second = ledger.begin()
        ledger.wrote(.member(7), in: second)
        ledger.end(second)
        // Read at `first`, reused by a snapshot at `second`: the write of `second` is after it.
        let reused = SnapshotReads(generation: second, keys: [.conversation("+51987000004")], untracked: false, earlier: [.member(7): first])
        #expect(!ledger.unchanged(reused))
        #expect(ledger.unchanged(SnapshotReads(generation: second, keys: [.member(7)], untracked: false)), "read at `second` itself")
        #expect(!ledger.unchanged([.member(7)], since: first))
        #expect(ledger.unchanged([.member(8), .conversation("+51987000004")], since: first))
        let third = ledger.begin()
        ledger.wroteEverything(in: third)
        ledger.end(third)
        #expect(!ledger.unchanged([.member(8)], since: second))
        #expect(!ledger.unchanged(SnapshotReads(generation: third, keys: [], untracked: false, earlier: [.member(8): second])))
    }

    @Test func writingEverythingOrReadingUntrackedIsNeverCurrent() {
        let ledger = ChangeLedger()
        let keyed = SnapshotReads(generation: 0, keys: [.member(1)], untracked: false)
        #expect(ledger.unchanged(keyed))
        #expect(!ledger.unchanged(SnapshotReads(generation: 0, keys: [], untracked: true)), "unknown reads, even with no write")
        let generation = ledger.begin()
        ledger.wroteEverything(in: generation)
        ledger.end(generation)
        #expect(!ledger.unchanged(keyed))
        #expect(ledger.unchanged(SnapshotReads(generation: ledger.completed, keys: [.member(1)], untracked: false)))
    }

    @Test func aFullLedgerForgetsItsKeysAndStalesEveryOlderSnapshot() {
        let ledger = ChangeLedger()
        let old = SnapshotReads(generation: 0, keys: [.member(-1)], untracked: false)
        let generation = ledger.begin()
        for id in 0..<Int64(60_000) { ledger.wrote(.member(id), in: generation) }
        ledger.end(generation)
        #expect(!ledger.unchanged(old), "member -1 was never written, but the ledger no longer knows")
        #expect(ledger.unchanged(SnapshotReads(generation: ledger.completed, keys: [.member(3)], untracked: false)))
    }
}
