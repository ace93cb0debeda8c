import ArgumentParser

struct FormatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "formats", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'formats' is not built yet") }
}
