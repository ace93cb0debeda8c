import ArgumentParser

struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decode", abstract: "(not built yet)")
    func run() throws { throw ValidationError("'decode' is not built yet") }
}
