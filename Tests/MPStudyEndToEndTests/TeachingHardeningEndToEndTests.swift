import Testing

/// The teaching commands on the inputs of issue 11 (items 1, 7, 8, 9, 10): each answers at once
/// (10 s is the kill limit of a debug build; they took 35 s, 80 s, or never finished) with a
/// short, correct answer. The expected texts are derived in FloatTeachingTests
/// (ExplainExtremeInputTests, CalcReferenceTests, CalcModelTests, ExplainModelTests).
@Suite("Teaching commands: extreme inputs, exact references")
struct TeachingHardeningEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let mentions: [String]
        var absent: [String] = []
        var testDescription: String { "mpstudy " + arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        // Item 1: huge exponents are never written out.
        Case(
            arguments: ["explain", "0e-100000"],
            mentions: ["absolute 0", "relative undefined (the input is 0)", "ulps     0"]),
        Case(
            arguments: ["explain", "1e-99999999999999"],
            mentions: [
                "0x0000", "underflow|inexact", "absolute -1e-99999999999999", "relative 1",
                "-1.6777216e-99999999999992",
            ]),
        Case(
            arguments: ["explain", "0x1p-99999999999"],
            mentions: ["absolute ≈ -7.996693937146190867191668861304030001223e-30102999567", "relative 1"]),
        Case(
            arguments: ["explain", "1e999999999", "--format", "e4m3", "--saturating"],
            mentions: [
                "0x7e", "absolute ≈ -1.000000000000000000000000000000000000000e+999999999", "≈ -3.1250e+999999997",
            ]),
        Case(arguments: ["explain", "0x1p99999999999"], mentions: ["0x7c00", "overflow|inexact"]),
        Case(
            arguments: ["explain", "0x1p99999999999", "--rounding", "towardZero"],
            mentions: ["0x7bff", "≈ -1.2505167858867356"]),
        // Item 7: the reference is exact, and a zero reference has no relative error.
        Case(
            arguments: ["calc", "fma(0.1, 3, -0.3)", "--format", "single"],
            mentions: [
                "exact      = 0", "absolute -0.000000007450580596923828125", "relative undefined", "-8388608 ulps",
            ]),
        // Item 8: formats rounds to nearest.
        Case(
            arguments: ["formats"],
            mentions: [
                "6.10352e-05 (2^-14)", "1.40130e-45 (2^-149)", "4.94066e-324 (2^-1074)", "9.18355e-41 (2^-133)",
                "1.52588e-05 (2^-16)",
            ],
            absent: ["6.10351e-05", "1.40129e-45", "4.94065e-324", "9.18354e-41", "1.52587e-05"]),
        // Item 9: the steps show true arithmetic, and no ".0" that looks exact.
        Case(
            arguments: ["calc", "448 + 16", "--format", "e4m3"],
            mentions: ["3. 448 + 16", "= 464", "reads back: 450)"],
            absent: ["450.0", "16.0"]),
        // Item 10: ratios from the exact numbers, rounded ones marked.
        Case(
            arguments: ["explain", "0x1p-1074", "--format", "e4m3"], mentions: ["ulps     ≈ -2.5296e-321"],
            absent: ["ulps     -0 "]),
        Case(
            arguments: ["explain", "0x1p57", "--format", "e4m3", "--saturating"],
            mentions: ["ulps     -4503599627370482"],
            absent: ["4503600000000000"]),
        Case(
            arguments: ["calc", "0x1p57", "--format", "e4m3", "--saturating"], mentions: ["-4503599627370482 ulps"],
            absent: ["4503600000000000"]),
        Case(arguments: ["calc", "0"], mentions: ["relative undefined"], absent: ["nan"]),
    ]

    @Test(arguments: cases)
    func answersAtOnce(_ c: Case) throws {
        let result = try mpstudyInScratch(c.arguments, timeout: 10)
        expectSuccess(result)
        #expect(result.output.count < 4_000, "a short answer: \(result.output.count) characters")
        for text in c.mentions {
            #expect(result.output.contains(text), "\(c.testDescription) shows \(text):\n\(result.output)")
        }
        for text in c.absent { #expect(!result.output.contains(text), "\(c.testDescription) does not show \(text)") }
    }
}
