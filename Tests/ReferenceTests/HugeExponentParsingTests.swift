import Reference
import SoftFloat
import Testing

/// Parsing numbers whose exponents lie astronomically far outside every format (issue 11,
/// item 1): the result must be the correctly rounded one — the same bits and flags as
/// `mpfr_strtofr`, which reads any exponent that fits its range — in every format, rounding
/// attribute, tininess rule and saturation mode, and take no time (nothing scales by 10^|e|).
@Suite struct HugeExponentParsingTests {
    static let inputs = [
        "1e-99999999999999", "-1e-99999999999999", "0x1p99999999999", "-0x1p99999999999", "0x1p-99999999999",
        "1e999999999", "-1e-999999999", "0e-100000", "-0x0p99999999999", "9.999999999999999999e999999999999999999",
        "123456789012345678901234567890e-99999999999999", "0x123456789abcdef0123p-99999999999",
        "0.000000000000000000000000000000001e99999999999999",
        "1" + String(repeating: "0", count: 1000) + "e-99999999999999",
        "1e1000000000000000000",  // the largest exponent kept exactly (10^18)
    ]

    @Test(arguments: FormatKind.allCases)
    func matchesStrtofr(_ format: FormatKind) {
        struct Check: FormatVisitor {
            func visit<F: BinaryFormat>(_: F.Type) -> [String] {
                let oracle = Oracle()
                var failures: [String] = []
                for text in HugeExponentParsingTests.inputs {
                    for rounding in RoundingRule.allCases {
                        for tininess in Tininess.allCases {
                            for saturating in [false, true] {
                                var env = FloatEnvironment(
                                    rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
                                let actual = try? BinaryFloat<F>(parsing: text, in: &env)
                                let expected = oracle.parse(
                                    text, to: F.self, rounding: rounding, tininess: tininess,
                                    saturating: saturating)
                                if actual?.bits != expected.value.bits || env.flags != expected.flags {
                                    failures.append(
                                        "\(text.prefix(60)) \(rounding.name) \(tininess.name) saturating \(saturating): "
                                            + "\(actual.map { String(UInt64($0.bits), radix: 16) } ?? "error") \(env.flags), "
                                            + "MPFR \(expected)")
                                }
                            }
                        }
                    }
                }
                return failures
            }
        }
        let failures = format.visit(Check())
        #expect(failures.isEmpty, "\(format.name):\n\(failures.joined(separator: "\n"))")
    }

    /// The same by hand: 10^-99999999999999 is below half of every smallest subnormal, so it
    /// rounds to +0 (up: the smallest subnormal) with underflow and inexact; 2^99999999999 is
    /// above every largest finite value: +inf with overflow and inexact to nearest and up,
    /// the largest finite value toward zero and down (E4M3 has no infinity: NaN, or 448 when
    /// saturating).
    @Test func handDerived() throws {
        func parse(_ text: String, _ rounding: RoundingRule, saturating: Bool = false) throws -> (
            UInt16, ExceptionFlags
        ) {
            var env = FloatEnvironment(rounding: rounding, saturatesOverflow: saturating)
            return (try SoftFloat16(parsing: text, in: &env).bits, env.flags)
        }
        for rounding in [RoundingRule.toNearestOrEven, .toNearestOrAway, .towardZero, .down] {
            #expect(try parse("1e-99999999999999", rounding) == (0x0000, [.underflow, .inexact]))
        }
        #expect(try parse("1e-99999999999999", .up) == (0x0001, [.underflow, .inexact]))
        for rounding in [RoundingRule.toNearestOrEven, .toNearestOrAway, .up] {
            #expect(try parse("0x1p99999999999", rounding) == (0x7C00, [.overflow, .inexact]))
        }
        for rounding in [RoundingRule.towardZero, .down] {
            #expect(try parse("0x1p99999999999", rounding) == (0x7BFF, [.overflow, .inexact]))
        }
        var env = FloatEnvironment()
        #expect(
            try SoftFloat8E4M3(parsing: "0x1p99999999999", in: &env).bits == 0x7F && env.flags == [.overflow, .inexact])
        var saturating = FloatEnvironment(saturatesOverflow: true)
        #expect(try SoftFloat8E4M3(parsing: "1e999999999", in: &saturating).bits == 0x7E)
    }
}
