/// Derives the guide's trust-building stage from the network's milestones.
public enum StageRule {
    /// The stage on a day: the articulador's override wins; otherwise a joint project started by then gives
    /// consolidación, an improvement plan started by then gives fortalecimiento, and anything else is generación.
    /// - Parameters:
    ///   - network: the network (override and plan start).
    ///   - projects: its joint projects (other networks' are ignored).
    ///   - asOf: the day the stage is read on.
    public static func stage(for network: Network, projects: [JointProject], asOf: LocalDate) -> Stage {
        if let override = network.stageOverride { return override }
        if projects.contains(where: { $0.networkID == network.id && $0.startedOn <= asOf }) { return .consolidacion }
        if let plan = network.planStartedOn, plan <= asOf { return .fortalecimiento }
        return .generacion
    }
}
