import Testing
import TrustCore

@Suite("Stage from milestones")
struct StageTests {
    private func project(network: RowID = 1, started: String) -> JointProject {
        JointProject(
            id: 1, networkID: network, number: 1, title: "Tanque de frío", totalCost: Money(soles: 5000),
            ownShare: Money(soles: 1500), startedOn: day(started))
    }

    @Test("generación until the improvement plan starts, then fortalecimiento")
    func plan() {
        let network = Network(id: 1, code: "HUAMBO", name: "Red Huambo", planStartedOn: day("2026-06-10"))
        #expect(StageRule.stage(for: network, projects: [], asOf: day("2026-06-09")) == .generacion)
        #expect(StageRule.stage(for: network, projects: [], asOf: day("2026-06-10")) == .fortalecimiento)
    }

    @Test("the first joint project started gives consolidación, with or without a plan")
    func project() {
        let network = Network(id: 1, code: "HUAMBO", name: "Red Huambo", planStartedOn: day("2026-06-10"))
        let projects = [project(started: "2026-09-01")]
        #expect(StageRule.stage(for: network, projects: projects, asOf: day("2026-08-31")) == .fortalecimiento)
        #expect(StageRule.stage(for: network, projects: projects, asOf: day("2026-09-01")) == .consolidacion)
        let noPlan = Network(id: 1, code: "HUAMBO", name: "Red Huambo")
        #expect(StageRule.stage(for: noPlan, projects: projects, asOf: day("2026-12-01")) == .consolidacion)
        // Another network's project does not count.
        let foreign = [project(network: 2, started: "2026-01-01")]
        #expect(StageRule.stage(for: noPlan, projects: foreign, asOf: day("2026-12-01")) == .generacion)
    }

    @Test("the articulador's override wins over milestones")
    func override() {
        let network = Network(id: 1, code: "HUAMBO", name: "Red Huambo", stageOverride: .fortalecimiento)
        #expect(StageRule.stage(for: network, projects: [project(started: "2026-01-01")], asOf: day("2026-12-01")) == .fortalecimiento)
    }

    @Test("a report's stage is read on the period's last day")
    func reportStage() throws {
        var f = Fixture()
        f.records.network.planStartedOn = day("2026-11-29")
        f.project(1, total: 100, own: 10, started: "2026-11-30")
        #expect(try f.report("2026-W48").stage == .fortalecimiento)
        #expect(try f.report("2026-W49").stage == .consolidacion)
        #expect(try f.report("2026-W47").stage == .generacion)
    }
}
