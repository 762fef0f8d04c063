import ArgumentParser

/// `confianza`: one binary, subcommands only.
@main
struct Confianza: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confianza",
        abstract: "Measure and grow trust in producer networks by SMS.",
        subcommands: [
            Serve.self, Chat.self, Migrate.self, Import.self, Export.self, IndicatorsCommand.self, NetworkCommand.self,
            MemberCommand.self, Backup.self, Transfer.self, SummariesCommand.self, Demo.self, UserCommand.self, TokenCommand.self,
        ]
    )
}

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (default: config/confianza.yaml when present).")
    var config: String?

    @Option(name: .long, help: "Database URL: sqlite:PATH or postgres://… (overrides the config file).")
    var database: String?
}
