import Foundation
import Testing

/// `formats`, `explain`, `decode` and `calc` through the binary: exit 0, nothing on standard
/// error, and values derived by hand in the comments (not taken from the program).
@Suite("formats, explain, decode, calc")
struct TeachingCommandsEndToEndTests {
    /// Largest finite values: binary16 (2 - 2^-10) · 2^15 = 65504; E4M3 (OCP: the all-ones
    /// exponent is normal, only S.1111.111 is NaN) 1.75 · 2^8 = 448; E5M2 (2 - 2^-2) · 2^15 = 57344.
    @Test func formatsTable() throws {
        let result = try mpstudyInScratch(["formats"])
        expectSuccess(result)
        // MX: E2M3 1.875 · 2^2 = 7.5; E3M2 1.75 · 2^4 = 28; E2M1 1.5 · 2^2 = 6.
        for word in HelpEndToEndTests.formats + ["65504", "448", "57344", "7.5", "28", "no inf, no NaN"] {
            #expect(result.output.contains(word), "formats shows \(word)")
        }
    }

    @Test func formatsJSON() throws {
        let result = try mpstudyInScratch(["formats", "--json"])
        expectSuccess(result)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 10)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let mentions: [String]
        var testDescription: String { "mpstudy " + arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        // 0.1 = 1.6 · 2^-4: exponent field -4 + 15 = 01011, fraction 0.6 · 1024 = 614.4 -> 614
        // = 0x266: bits 0 01011 1001100110 = 0x2e66, value 1638 / 2^14 = 0.0999755859375.
        Case(arguments: ["explain", "0.1"], mentions: ["0x2e66", "0.0999755859375", "inexact"]),
        // The same with the sign bit: a leading '-' is a value, not an option.
        Case(arguments: ["explain", "-0.1"], mentions: ["0xae66", "-0.0999755859375"]),
        // 65520 lies halfway between 65504 (odd significand 0x3ff) and 2^16, which is past the
        // largest finite: ties-to-even goes up, to infinity 0x7c00, with overflow.
        Case(arguments: ["explain", "65520"], mentions: ["0x7c00", "overflow"]),
        // Toward zero it stays at the largest finite value 0x7bff.
        Case(arguments: ["explain", "65520", "--rounding", "towardZero"], mentions: ["0x7bff", "65504"]),
        // 0.1 everywhere: binary32 0x3dcccccd and binary64 0x3fb999999999999a (the well-known
        // encodings); bfloat16 = binary32's top half 0x3dcc plus one (the dropped 0xcccd is
        // above half) = 0x3dcd; E4M3 1.6 · 2^-4 -> fraction 0.6 · 8 = 4.8 -> 5: 0 0011 101 =
        // 0x1d = 0.1015625; E5M2 fraction 0.6 · 4 = 2.4 -> 2: 0 01011 10 = 0x2e = 0.09375.
        Case(
            arguments: ["explain", "0.1", "--all-formats"],
            mentions: ["0x3dcccccd", "0x3fb999999999999a", "0x3dcd", "0x1d", "0.1015625", "0x2e", "0.09375"]),
        // 0x3555 = 0 01101 0101010101: 2^-2 · (1 + 341/1024) = 1365 / 4096 = 0.333251953125.
        Case(arguments: ["decode", "0x3555"], mentions: ["0.333251953125"]),
        // 0 10000 1000000000 = 2^1 · 1.5 = 3 = 0x4200.
        Case(arguments: ["decode", "0b0_10000_1000000000"], mentions: ["0x4200", "3"]),
        // All-ones exponent with a nonzero fraction: a NaN.
        Case(arguments: ["decode", "0x7e00"], mentions: ["NaN"]),
        // 1/3 in binary16 is 0x3555 (above); 0.1 + 0.2 in binary64 is 0.30000000000000004.
        Case(arguments: ["calc", "1 / 3"], mentions: ["0x3555", "0.333251953125"]),
        Case(arguments: ["calc", "0.1 + 0.2", "--format", "double"], mentions: ["0.30000000000000004"]),
        Case(arguments: ["calc", "-0.5 * 4", "--format", "single"], mentions: ["-2"]),
        // The OCP MX formats. E2M1 (bias 1, p 2) holds 0, 0.5, 1, 1.5, 2, 3, 4, 6: 0.3 lies
        // above the midpoint 0.25 of 0 and 0.5, so 0.5 = 0 00 1 = 0x1, error 0.5 - 0.3 = 0.2,
        // tiny (below 2^0) and inexact: underflow; neighbours 0 (0x0) and 1 (0x2).
        Case(
            arguments: ["explain", "0.3", "--format", "e2m1"],
            mentions: ["0x1", "0.5", "0.2", "0x2", "underflow", "0 00 1"]),
        // 7 = 1.11b · 2^2 ties between 6 (odd 1.1b) and 8 (even): 8, beyond the largest 6, so
        // overflow, saturated to 6 = 0 11 1 = 0x7 (no infinity, no NaN).
        Case(arguments: ["explain", "7", "--format", "fp4"], mentions: ["0x7", "6", "overflow"]),
        // E2M3 (bias 1, p 4): 0.1 is nearer the subnormal 1 · 2^-3 = 0.125 (0 00 001 = 0x01)
        // than 0 (the midpoint is 0.0625).
        Case(arguments: ["explain", "0.1", "--format", "fp6-e2m3"], mentions: ["0x01", "0.125"]),
        // E3M2 (bias 3, p 3): 30 = 1.111b · 2^4 ties up to 32, past 28: overflow, 28 = 0x1f.
        Case(arguments: ["explain", "30", "--format", "fp6-e3m2"], mentions: ["0x1f", "28", "overflow"]),
        // E8M0: 3 = 1.5 · 2 is the midpoint of 2 and 4; at p = 1 the tie goes up: 4 = 2^2,
        // field 2 + 127 = 129 = 0x81. Zero has no encoding: the NaN 0xff, invalid.
        Case(arguments: ["explain", "3", "--format", "e8m0"], mentions: ["0x81", "4", "inexact"]),
        Case(arguments: ["explain", "0", "--format", "scale-e8m0"], mentions: ["0xff", "invalid"]),
        // 0x7f = 127 - 127: 2^0 = 1, below 0x7e = 0.5, above 0x80 = 2.
        Case(arguments: ["decode", "0x7f", "--format", "e8m0"], mentions: ["2^0", "0x7e", "0.5", "0x80"]),
        // E2M3 0x1f = 0 11 111 = 1.875 · 2^2 = 7.5, the largest.
        Case(arguments: ["decode", "0x1f", "--format", "e2m3"], mentions: ["7.5"]),
        // 6 + 1 in E2M1 overflows as above: 6 = 0x7.
        Case(arguments: ["calc", "6 + 1", "--format", "e2m1"], mentions: ["0x7", "6"]),
        Case(
            arguments: ["verify", "--format", "fp4", "--op", "negate,minimumMagnitude", "--count", "500"],
            mentions: ["e2m1"]),
    ]

    @Test(arguments: cases)
    func textView(_ c: Case) throws {
        let result = try mpstudyInScratch(c.arguments)
        expectSuccess(result)
        for word in c.mentions { #expect(result.output.contains(word), "\(c.testDescription) shows \(word)") }
    }

    /// `--json` prints one JSON document (an object) for each of explain, decode and calc.
    @Test(arguments: [["explain", "0.1", "--json"], ["decode", "0x3c00", "--json"], ["calc", "1 / 3", "--json"]])
    func jsonView(_ arguments: [String]) throws {
        let result = try mpstudyInScratch(arguments)
        expectSuccess(result)
        #expect(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) is [String: Any], "\(result)")
    }
}
