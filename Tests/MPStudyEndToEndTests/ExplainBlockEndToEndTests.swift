import Testing

/// `mpstudy explain-block`: the hand-derived blocks of BlockScalingTests through the command,
/// and its refusals.
@Suite("explain-block")
struct ExplainBlockEndToEndTests {
    /// MXFP4 of 0.1, 0.2, 3.5, -100, 1e-4, 112: X = 2^4 (code 0x83); dequantised 0, 0, 0, -96,
    /// 0, 96; four flushed, 112 (q = 7, a tie that rounds to 8) saturated (derivation in
    /// BlockScalingTests.mxfp4HandDerivedBlock).
    @Test func mxfp4Block() throws {
        let result = try mpstudyInScratch(["explain-block", "0.1,0.2,3.5,-100,1e-4,112", "--scheme", "mxfp4"])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("X = 2^4 (E8M0 code 0x83)"), "\(result.output)")
        #expect(result.output.contains("4 flushed to zero, 1 saturated"), "\(result.output)")
        let rows = result.output.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") }
        let dequantised = rows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }[5] }
        #expect(dequantised == ["0.0", "0.0", "0.0", "-96.0", "0.0", "96.0"], "\(rows)")
    }

    /// NVFP4 with t = 1 (amax 2688): S = 448; 1000 -> 2 -> 896 (derivation in BlockScalingTests).
    @Test func nvfp4Block() throws {
        let result = try mpstudyInScratch(["explain-block", "2688,1000,-300,7,0.1", "--scheme", "nvfp4"])
        #expect(result.status == 0, "\(result)")
        #expect(result.output.contains("block scale S = round_E4M3(amax / (6 t)) = 448.0"), "\(result.output)")
        #expect(result.output.contains("896.0"))
    }

    static let badInputs: [BadInput] = [
        BadInput(["explain-block", "1,2", "--scheme", "mxfp3"], "unknown scheme", mentions: ["mxfp3"]),
        BadInput(["explain-block", "1,,2"], "empty item", mentions: ["empty"]),
        BadInput(["explain-block", "1,x"], "not a number", mentions: ["'x'"]),
        BadInput(
            ["explain-block", Array(repeating: "1", count: 33).joined(separator: ","), "--scheme", "mxfp4"], "too many",
            mentions: ["32"]),
        BadInput(["explain-block", "1", "--scheme", "mxfp4", "--scale", "2"], "scale for MX", mentions: ["--scale"]),
        BadInput(["explain-block", "1", "--scheme", "fp8-e4m3", "--scale", "nan"], "NaN scale", mentions: ["--scale"]),
        BadInput(["explain-block", "1", "--scheme", "fp8-e4m3", "--scale", "0"], "zero scale", mentions: ["--scale"]),
    ]

    @Test(arguments: badInputs)
    func refusals(_ input: BadInput) throws {
        expectRefusal(try mpstudyInScratch(input.arguments), status: ExitStatus.usage, mentions: input.mentions)
    }
}
