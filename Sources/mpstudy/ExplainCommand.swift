import ArgumentParser

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'explain' is not built yet") }
}
