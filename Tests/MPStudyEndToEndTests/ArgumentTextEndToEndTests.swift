import Testing
import _TestSupport

/// What an argument's text can hold (issue 11, item 11): control characters never reach the
/// terminal raw (they are escaped in the one error line, whether they came from the command
/// line, a data folder's name or a run.json), an argument that is not UTF-8 is refused rather
/// than silently changed, digits are ASCII in every number reader, and an unknown option is
/// reported as one.
@Suite("Argument text: escapes, encodings, digits, options")
struct ArgumentTextEndToEndTests {
    /// The error line holds no control character at all (escapes only) and shows each of
    /// `escapes` as written.
    func expectEscaped(
        _ result: CommandResult, status: Int32, escapes: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        expectRefusal(result, status: status, mentions: escapes, sourceLocation: sourceLocation)
        let line = result.errors.dropLast()
        #expect(
            !line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) },
            "no control characters: \(result)", sourceLocation: sourceLocation)
    }

    @Test func controlCharactersInAnArgumentAreEscaped() throws {
        expectEscaped(try mpstudyInScratch(["explain", "1\n2"]), status: ExitStatus.usage, escapes: ["\\n"])
        expectEscaped(try mpstudyInScratch(["explain", "1\r\n"]), status: ExitStatus.usage, escapes: ["\\r\\n"])
        expectEscaped(
            try mpstudyInScratch(["calc", "\u{1B}[2J1 + 1"]), status: ExitStatus.usage, escapes: ["\\u{1B}[2J"])
        expectEscaped(
            try mpstudyInScratch(["verify", "--format", "half\u{7}"]), status: ExitStatus.usage, escapes: ["\\u{7}"])
    }

    /// A data folder named with a newline and an escape: missing, and holding a file that does
    /// not match SHA256SUMS (the error names the file inside the folder).
    @Test func controlCharactersInADataPathAreEscaped() throws {
        let name = "da\nta\u{1B}[31m"
        let missing = try mpstudyInScratch(["train"] + DataErrorEndToEndTests.tiny(data: name))
        expectEscaped(missing, status: ExitStatus.failure, escapes: ["da\\nta\\u{1B}[31m"])
        let (result, file) = try withScratchFolder(prefix: "mpstudy-e2e") { folder in
            try FileTree.makeFolder(folder.file(name))
            try SyntheticMNIST(trainCount: 40, testCount: 10).write(to: folder.file(name))
            let file = try DataErrorEndToEndTests.Corruption.checksumMismatch.apply(to: folder.file(name))
            return (try mpstudy(["train"] + DataErrorEndToEndTests.tiny(data: name), in: folder), file)
        }
        expectEscaped(result, status: ExitStatus.failure, escapes: ["da\\nta\\u{1B}[31m/" + file])
    }

    /// A run.json whose compute format is a terminal escape and a newline.
    @Test func controlCharactersFromARunRecordAreEscaped() throws {
        let (analyze, record, result) = try TrainingRunsEndToEndTests.withData { folder in
            let analyze = try mpstudy(
                ["analyze"] + TrainingRunsEndToEndTests.tiny + ["--shadow-every", "0", "--output", "run"],
                in: folder)
            let record = FileTree.text(folder.file("run/run.json")) ?? ""
            try FileTree.write(
                record.replacingOccurrences(
                    of: "\"computeFormat\":\"float16\"",
                    with: "\"computeFormat\":\"\\u001b[2J\\nX\""),
                to: folder.file("run/run.json"))
            return (analyze, record, try mpstudy(["report", "run/run.json", "--output", "copy"], in: folder))
        }
        expectSuccess(analyze)
        #expect(record.contains("\"computeFormat\":\"float16\""))
        expectEscaped(result, status: ExitStatus.failure, escapes: ["\\u{1B}[2J\\nX"])
    }

    /// Swift repairs invalid UTF-8 in arguments (U+FFFD), which would name another file:
    /// refused before anything is read or written, with the bytes shown as `\xFF`.
    @Test func argumentsThatAreNotUTF8AreRefused() throws {
        let (report, analyze, entries) = try withScratchFolder(prefix: "mpstudy-e2e") { folder in
            let report = try mpstudy(
                bytes: [Array("report".utf8), Array("r".utf8) + [0xFF] + Array("/run.json".utf8)], in: folder)
            let analyze = try mpstudy(
                bytes: [Array("analyze".utf8), Array("--output".utf8), Array("out".utf8) + [0xFE, 0xC3]],
                in: folder)
            return (report, analyze, FileTree.entries(folder.path))
        }
        expectRefusal(report, status: ExitStatus.usage, mentions: ["argument 2", "UTF-8", "r\\xFF/run.json"])
        expectRefusal(analyze, status: ExitStatus.usage, mentions: ["argument 3", "out\\xFE\\xC3"])
        #expect(entries.isEmpty, "nothing written: \(entries)")
    }

    /// explain and calc refuse a fullwidth digit; decode did read `0x３c00` as 0x3c00.
    @Test(arguments: [["decode", "0x３c00"], ["decode", "0b１"], ["decode", "0x3c0０", "--format", "single"]])
    func nonASCIIDigitsAreRefusedByDecode(_ arguments: [String]) throws {
        expectRefusal(try mpstudyInScratch(arguments), status: ExitStatus.usage, mentions: ["pattern", "column"])
    }

    /// A dash and one letter is an option explain and calc do not have, not a second value.
    @Test(arguments: [["explain", "-q", "1"], ["explain", "1", "-q"], ["calc", "1 + 1", "-x"], ["explain", "-q"]])
    func unknownShortOptionsAreUnknownOptions(_ arguments: [String]) throws {
        let result = try mpstudyInScratch(arguments)
        let option = arguments.first { $0.count == 2 && $0.hasPrefix("-") } ?? "?"
        expectRefusal(result, status: ExitStatus.usage, mentions: ["unknown option '\(option)'"])
    }

    /// `--` ends the options: what follows is the value, even when it starts with a dash.
    @Test func doubleDashEndsTheOptions() throws {
        let result = try mpstudyInScratch(["explain", "--format", "half", "--", "-0.1"])
        expectSuccess(result)
        // -0.1 in binary16: the bits of 0.1 (0x2e66, see TeachingCommandsEndToEndTests) with the sign set.
        #expect(result.output.hasPrefix("-0.1 in binary16") && result.output.contains("0xae66"), "\(result)")
    }
}
