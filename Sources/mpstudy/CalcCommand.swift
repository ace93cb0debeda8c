import ArgumentParser

struct CalcCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "calc", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'calc' is not built yet") }
}
