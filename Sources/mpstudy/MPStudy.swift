import ArgumentParser

/// The `mpstudy` command: a thin front end over the library targets.
@main
struct MPStudy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mpstudy",
        abstract: "Study floating-point precision: bit-exact IEEE 754 emulation, mixed-precision training analysis.",
        subcommands: [VerifyCommand.self, BenchCommand.self, TrainCommand.self]
    )
}
