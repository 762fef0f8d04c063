import Engine
import Foundation
import Testing
import TrustCore

/// Conversation state, unknown-phone notices and summary claims: small keyed rows.
enum ConversationCases {
    static let all = [stateUpsert, unknownPhoneOncePerDay, summaryExactlyOnce]

    static let stateUpsert = StoreCase("conversation: state is stored per phone and replaced on save") { store in
        let phone = "+51987000001"
        let first = Data("{\"step\":\"menu\"}".utf8)
        let binary = Data([0, 1, 2, 0xFF, 0, 0x7F])
        #expect(try await store.read { tx async throws in try await tx.conversationState(phone: phone) } == nil)
        try await store.transaction { tx async throws in
            try await tx.saveConversationState(phone: phone, state: first, updatedAt: Fixture.t0)
            #expect(try await tx.conversationState(phone: phone) == first)
        }
        try await store.transaction { tx async throws in
            #expect(try await tx.conversationState(phone: phone) == first)
            try await tx.saveConversationState(phone: phone, state: binary, updatedAt: Fixture.at(1))
            try await tx.saveConversationState(phone: "+51987000002", state: Data(), updatedAt: Fixture.at(1))
        }
        try await store.read { tx async throws in
            #expect(try await tx.conversationState(phone: phone) == binary)
            #expect(try await tx.conversationState(phone: "+51987000002") == Data())
            #expect(try await tx.conversationState(phone: "+51987000003") == nil)
        }
    }

    static let unknownPhoneOncePerDay = StoreCase("unknown phone: noted once per phone and day") { store in
        let monday = try Fixture.day(2025, 11, 24)
        let answers = try await store.transaction { tx async throws in
            [
                try await tx.noteUnknownPhone("+51911111111", day: monday),
                try await tx.noteUnknownPhone("+51911111111", day: monday),
                try await tx.noteUnknownPhone("+51922222222", day: monday),
            ]
        }
        #expect(answers == [true, false, true])
        let later = try await store.transaction { tx async throws in
            [
                try await tx.noteUnknownPhone("+51911111111", day: monday),
                try await tx.noteUnknownPhone("+51911111111", day: monday.adding(days: 1)),
                try await tx.noteUnknownPhone("+51911111111", day: monday.adding(days: 1)),
            ]
        }
        #expect(later == [false, true, false])
    }

    static let summaryExactlyOnce = StoreCase("summaries: each (network, week, recipient) is claimed exactly once") { store in
        let (alfa, beta) = try await store.transaction { tx async throws in
            (try await tx.insertNetwork(Fixture.newNetwork("ALFA")), try await tx.insertNetwork(Fixture.newNetwork("BETA")))
        }
        let rosa = "+51987000001"
        let first = try await store.transaction { tx async throws in
            [
                try await tx.claimSummary(networkID: alfa.id, week: "2025-W48", recipient: rosa, at: Fixture.t0),
                try await tx.claimSummary(networkID: alfa.id, week: "2025-W48", recipient: rosa, at: Fixture.at(1)),
            ]
        }
        #expect(first == [true, false])
        let second = try await store.transaction { tx async throws in
            [
                try await tx.claimSummary(networkID: alfa.id, week: "2025-W48", recipient: rosa, at: Fixture.at(60)),
                try await tx.claimSummary(networkID: alfa.id, week: "2025-W49", recipient: rosa, at: Fixture.at(60)),
                try await tx.claimSummary(networkID: alfa.id, week: "2025-W48", recipient: "+51987000002", at: Fixture.at(60)),
                try await tx.claimSummary(networkID: beta.id, week: "2025-W48", recipient: rosa, at: Fixture.at(60)),
            ]
        }
        #expect(second == [false, true, true, true])
    }
}
