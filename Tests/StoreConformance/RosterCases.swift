import Engine
import Foundation
import Testing
import TrustCore

/// Networks and members: unique codes, roster numbers, phones across networks, updates.
enum RosterCases {
    static let all = [networkCodes, rosterNumbers, membersAcrossNetworks, updates]

    static let networkCodes = StoreCase("roster: network codes are unique, upper case and ordered") { store in
        let created = try await store.transaction { tx async throws in
            [
                try await tx.insertNetwork(Fixture.newNetwork("zeta", name: "Red Zeta")),
                try await tx.insertNetwork(Fixture.newNetwork("ALFA")),
                try await tx.insertNetwork(Fixture.newNetwork("Medio2")),
            ]
        }
        #expect(created.map(\.code) == ["ZETA", "ALFA", "MEDIO2"])
        #expect(Set(created.map(\.id)).count == 3)
        #expect(created[0].name == "Red Zeta")
        #expect(created[0].timeZone == "America/Lima")
        #expect(created[0].createdAt == Fixture.at(-86_400))
        #expect(created[0].stageOverride == nil && created[0].planStartedOn == nil)

        await #expect(throws: (any Error).self) {
            try await store.transaction { tx async throws in _ = try await tx.insertNetwork(Fixture.newNetwork("Zeta")) }
        }
        try await store.read { tx async throws in
            #expect(try await tx.networks() == [created[1], created[2], created[0]])
            #expect(try await tx.network(code: "zeta") == created[0])
            #expect(try await tx.network(code: "ZETA") == created[0])
            #expect(try await tx.network(id: created[1].id) == created[1])
            #expect(try await tx.network(code: "NADA") == nil)
            #expect(try await tx.network(id: created.map(\.id).max()! + 1000) == nil)
        }
    }

    static let rosterNumbers = StoreCase("roster: numbers assigned in order, explicit ones kept, duplicates refused") { store in
        let network = try await store.transaction { tx async throws in try await tx.insertNetwork(Fixture.newNetwork("ROSTER")) }
        let members = try await store.transaction { tx async throws in
            [
                try await tx.insertMember(Fixture.newMember(network.id, "+51987000001")),
                try await tx.insertMember(Fixture.newMember(network.id, "+51987000002")),
                try await tx.insertMember(Fixture.newMember(network.id, "+51987000003", roster: 10)),
                try await tx.insertMember(Fixture.newMember(network.id, "+51987000004")),
            ]
        }
        #expect(members.map(\.roster) == [1, 2, 10, 11])
        let first = try #require(members.first)
        #expect(first.networkID == network.id && first.phone == "+51987000001" && first.name == "Socia")
        #expect(first.gender == .female && first.role == .socio && first.language == "es")
        #expect(first.active && !first.optedOut)
        #expect(first.joinedOn == (try Fixture.day(2025, 3, 1)))

        await #expect(throws: (any Error).self, "roster number taken") {
            try await store.transaction { tx async throws in _ = try await tx.insertMember(Fixture.newMember(network.id, "+51987000005", roster: 2)) }
        }
        await #expect(throws: (any Error).self, "phone already in this network") {
            try await store.transaction { tx async throws in _ = try await tx.insertMember(Fixture.newMember(network.id, "+51987000001")) }
        }
        try await store.read { tx async throws in
            #expect(try await tx.members(networkID: network.id) == members)
            #expect(try await tx.member(id: members[2].id) == members[2])
        }
    }

    static let membersAcrossNetworks = StoreCase("roster: one phone in several networks, found by phone") { store in
        let (alfa, beta) = try await store.transaction { tx async throws in
            (try await tx.insertNetwork(Fixture.newNetwork("ALFA")), try await tx.insertNetwork(Fixture.newNetwork("BETA")))
        }
        let rows = try await store.transaction { tx async throws in
            [
                try await tx.insertMember(Fixture.newMember(alfa.id, "+51987000001", name: "Rosa", role: .presidente)),
                try await tx.insertMember(Fixture.newMember(beta.id, "+51987000002", name: "Ana")),
                try await tx.insertMember(Fixture.newMember(beta.id, "+51987000001", name: "Rosa", role: .articulador)),
            ]
        }
        #expect(rows.map(\.roster) == [1, 1, 2])
        try await store.read { tx async throws in
            let rosa = try await tx.members(phone: "+51987000001")
            #expect(rosa == [rows[0], rows[2]])
            #expect(rosa.map(\.role) == [.presidente, .articulador])
            #expect(try await tx.members(phone: "+51987000002") == [rows[1]])
            #expect(try await tx.members(phone: "+51999999999").isEmpty)
            #expect(try await tx.members(networkID: beta.id) == [rows[1], rows[2]])
            #expect(try await tx.members(networkID: alfa.id) == [rows[0]])
        }
    }

    static let updates = StoreCase("roster: updates change the mutable fields only") { store in
        let seeded = try await Fixture.seedNetwork(store)
        var network = seeded.network
        network.name = "Red Huambo Alto"
        network.timeZone = "America/Bogota"
        network.stageOverride = .fortalecimiento
        network.planStartedOn = try Fixture.day(2024, 2, 29)
        var renamed = network
        renamed.code = "OTRO"
        renamed.createdAt = Fixture.at(5)
        try await store.transaction { [renamed] tx async throws in try await tx.updateNetwork(renamed) }
        let updated = try await store.read { [network] tx async throws in try await tx.network(id: network.id) }
        #expect(updated == network)

        network.stageOverride = nil
        network.planStartedOn = nil
        try await store.transaction { [network] tx async throws in try await tx.updateNetwork(network) }
        let cleared = try await store.read { tx async throws in try await tx.network(code: "HUAMBO") }
        #expect(cleared == network)

        var ana = seeded.ana
        ana.phone = "+51987000077"
        ana.name = "Ana María Mamani"
        ana.gender = nil
        ana.roster = 40
        ana.role = .tesorero
        ana.active = false
        ana.language = "qu"
        ana.optedOut = true
        ana.joinedOn = try Fixture.day(1969, 12, 31)
        try await store.transaction { [ana] tx async throws in try await tx.updateMember(ana) }
        try await store.read { [ana] tx async throws in
            #expect(try await tx.member(id: ana.id) == ana)
            #expect(try await tx.members(phone: "+51987000077") == [ana])
            #expect(try await tx.members(phone: "+51987000002").isEmpty)
            #expect(try await tx.member(id: seeded.luz.id) == seeded.luz)
        }
        var clash = ana
        clash.roster = seeded.luz.roster
        await #expect(throws: (any Error).self, "roster number taken") {
            try await store.transaction { [clash] tx async throws in try await tx.updateMember(clash) }
        }
    }
}
