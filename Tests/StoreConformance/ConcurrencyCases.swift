import Engine
import Foundation
import Testing
import TrustCore

/// Several units of work at once, as several webhooks (or several server instances) produce them.
/// A store may serialise them or let the database arbitrate, but the outcome must be the same.
enum ConcurrencyCases {
    static let all = [inboundRetries, outboxClaimers, conversationAnswers, summaryClaims, rosterNumbers]

    /// Runs `body` up to `attempts` times, as a gateway retries a webhook that failed.
    static func retrying<T: Sendable>(attempts: Int = 4, _ body: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch where attempt < attempts {
                attempt += 1
            }
        }
    }

    static let inboundRetries = StoreCase("concurrency: duplicate webhooks at once → each message and its reply stored once") { store in
        let ids = (0..<12).map { "c-\($0)" }
        let submissions = ids + ids + ids
        let processed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for id in submissions {
                group.addTask {
                    try await retrying {
                        try await store.transaction { tx async throws in
                            if try await tx.inbound(gateway: "kannel", messageID: id) != nil { return false }
                            _ = try await tx.enqueue(Fixture.outbound("+51987000001", text: "Respuesta \(id)"))
                            try await tx.insertInbound(Fixture.inbound(id, text: "mensaje \(id)"))
                            return true
                        }
                    }
                }
            }
            var count = 0
            for try await fresh in group where fresh { count += 1 }
            return count
        }
        #expect(processed == ids.count)
        try await store.read { tx async throws in
            for id in ids { #expect(try await tx.inbound(gateway: "kannel", messageID: id)?.text == "mensaje \(id)") }
            let replies = try await tx.outbound(limit: 1000, status: nil).map(\.message.text)
            #expect(replies.sorted() == ids.map { "Respuesta \($0)" }.sorted())
        }
    }

    static let outboxClaimers = StoreCase("concurrency: concurrent claimers never claim a row twice") { store in
        let ids = try await OutboxCases.enqueue(store, (0..<40).map { Fixture.outbound("+519870000\($0)") })
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var mine: [Int64] = []
                    while true {
                        let batch = try await OutboxCases.claim(store, at: Fixture.t0, limit: 3, lease: 600)
                        if batch.isEmpty { return mine }
                        mine += batch.map(\.id)
                    }
                }
            }
            var all: [Int64] = []
            for try await batch in group { all += batch }
            return all
        }
        #expect(claimed.count == ids.count, "no row claimed twice")
        #expect(Set(claimed) == Set(ids), "every row claimed")
        let rows = try await store.read { tx async throws in try await tx.outbound(limit: 100, status: nil) }
        #expect(rows.allSatisfy { $0.status == .sending && $0.message.attempts == 1 })
        #expect(try await OutboxCases.claim(store, at: Fixture.t0).isEmpty)
    }

    static let conversationAnswers = StoreCase("concurrency: concurrent answers of one phone never lose a state update") { store in
        let phone = "+51987000001"
        let answers = 16
        try await withThrowingTaskGroup(of: Void.self) { group in
            for answer in 0..<answers {
                group.addTask {
                    try await store.transaction { tx async throws in
                        let stored = try await tx.conversationState(phone: phone)
                        var seen = try stored.map { try JSONDecoder().decode([Int].self, from: $0) } ?? []
                        await Task.yield()
                        seen.append(answer)
                        try await tx.saveConversationState(phone: phone, state: try JSONEncoder().encode(seen), updatedAt: Fixture.t0)
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try await store.read { tx async throws in try await tx.conversationState(phone: phone) }
        let seen = try JSONDecoder().decode([Int].self, from: try #require(final))
        #expect(seen.sorted() == Array(0..<answers))
    }

    static let summaryClaims = StoreCase("concurrency: one summary key claimed at once by many → exactly one wins") { store in
        let network = try await store.transaction { tx async throws in try await tx.insertNetwork(Fixture.newNetwork("SUMA")) }
        let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await store.transaction { tx async throws in
                        let won = try await tx.claimSummary(networkID: network.id, week: "2025-W48", recipient: "+51987000001", at: Fixture.t0)
                        if won { _ = try await tx.enqueue(Fixture.outbound("+51987000001", text: "Resumen", kind: "summary")) }
                        return won
                    }
                }
            }
            var wins = 0
            for try await won in group where won { wins += 1 }
            return wins
        }
        #expect(wins == 1)
        #expect(try await store.read { tx async throws in try await tx.outbound(limit: 10, status: nil) }.count == 1)
    }

    static let rosterNumbers = StoreCase("concurrency: members added at once get distinct roster numbers") { store in
        let network = try await store.transaction { tx async throws in try await tx.insertNetwork(Fixture.newNetwork("MUCHOS")) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<10 {
                group.addTask {
                    _ = try await store.transaction { tx async throws in try await tx.insertMember(Fixture.newMember(network.id, "+5198800000\(index)")) }
                }
            }
            try await group.waitForAll()
        }
        let rosters = try await store.read { tx async throws in try await tx.members(networkID: network.id) }.map(\.roster)
        #expect(rosters == Array(1...10))
    }
}
