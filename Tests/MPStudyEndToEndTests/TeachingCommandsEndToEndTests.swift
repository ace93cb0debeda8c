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
        for word in HelpEndToEndTests.formats + ["65504", "448", "57344"] {
            #expect(result.output.contains(word), "formats shows \(word)")
        }
    }

    @Test func formatsJSON() throws {
        let result = try mpstudyInScratch(["formats", "--json"])
        expectSuccess(result)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 6)
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
