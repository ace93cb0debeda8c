import Testing
import SoftFloat
import Reference

/// Edge cases whose results and flags were derived by hand (the derivation is the comment
/// above each row), checked against both the MPFR oracle and SoftFloat.
///
/// Formats: binary16 (bias 15, p 11, emin -14, max 65504 = 0x7BFF, 2^-14 = 0x0400, smallest
/// subnormal 2^-24 = 0x0001), binary32 (bias 127, p 24, max 0x7F7FFFFF, 2^-126 = 0x00800000,
/// 2^-149 = 0x00000001), binary64 (bias 1023, p 53, max 0x7FEFFFFFFFFFFFFF, 2^-1022 =
/// 0x0010000000000000, 2^-1074 = 0x1). NaN results compare by NaN-ness (MPFR has no payloads).
@Suite struct HandDerivedEdgeCaseTests {
    @Test(arguments: EdgeCase.table)
    func oracleAgrees(_ row: EdgeCase) {
        let oracle = Oracle()
        for tininess in row.tininess.rules {
            let (bits, flags) = row.format.visit(OracleRunner(row: row, oracle: oracle, tininess: tininess))
            #expect(row.matches(bits, flags), "\(row.failure(bits, flags, tininess, by: "oracle"))")
        }
    }

    @Test(arguments: EdgeCase.table)
    func softFloatAgrees(_ row: EdgeCase) {
        for tininess in row.tininess.rules {
            let (bits, flags) = row.format.visit(SoftFloatRunner(row: row, tininess: tininess))
            #expect(row.matches(bits, flags), "\(row.failure(bits, flags, tininess, by: "SoftFloat"))")
        }
    }
}

/// One hand-derived case.
struct EdgeCase: Sendable, CustomTestStringConvertible {
    enum Operation: String, Sendable { case add, sub, mul, div, sqrt, fma, convert }
    enum Format: String, Sendable {
        case half, single, double
        var hexDigits: Int {
            switch self {
            case .half: 4
            case .single: 8
            case .double: 16
            }
        }
        /// Runs `visitor` on the SoftFloat format through the library's one runtime switch.
        func visit<V: FormatVisitor>(_ visitor: V) -> V.Result {
            switch self {
            case .half: FormatKind.binary16.visit(visitor)
            case .single: FormatKind.binary32.visit(visitor)
            case .double: FormatKind.binary64.visit(visitor)
            }
        }
    }
    /// Which tininess rules the row holds under (`either`: the same result under both).
    enum TininessRule: Sendable {
        case after, before, either
        var rules: [Tininess] {
            switch self {
            case .after: [.afterRounding]
            case .before: [.beforeRounding]
            case .either: [.afterRounding, .beforeRounding]
            }
        }
    }

    var operation: Operation
    /// The operands' format.
    var format: Format
    /// The result's format: `format`, except for conversions.
    var target: Format
    var rounding: RoundingRule
    var tininess: TininessRule
    var operands: [UInt64]
    /// The expected encoding; for a NaN result any NaN matches.
    var expected: UInt64
    var flags: ExceptionFlags
    var expectsNaN: Bool

    var testDescription: String {
        "\(operation) \(format)\(operation == .convert ? "->\(target)" : "") \(rounding.name) \(tininess) "
            + operands.map { hex($0, format) }.joined(separator: " ")
    }

    func matches(_ bits: UInt64, _ actualFlags: ExceptionFlags) -> Bool {
        guard actualFlags == flags else { return false }
        return expectsNaN ? isNaN(bits, target) : bits == expected
    }

    func failure(_ bits: UInt64, _ actualFlags: ExceptionFlags, _ rule: Tininess, by name: String) -> String {
        "\(name): \(operation) \(format)\(operation == .convert ? "->\(target)" : "") \(rounding.name) "
            + "tininess \(rule.name), operands " + operands.map { hex($0, format) }.joined(separator: " ")
            + ": expected \(expectsNaN ? "NaN" : hex(expected, target)) \(flags), actual \(hex(bits, target)) \(actualFlags)"
    }
}

private func hex(_ bits: UInt64, _ format: EdgeCase.Format) -> String {
    let digits = String(bits, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, format.hexDigits - digits.count)) + digits
}

private func isNaN(_ bits: UInt64, _ format: EdgeCase.Format) -> Bool {
    switch format {
    case .half: bits & 0x7FFF > 0x7C00
    case .single: bits & 0x7FFF_FFFF > 0x7F80_0000
    case .double: bits & 0x7FFF_FFFF_FFFF_FFFF > 0x7FF0_0000_0000_0000
    }
}

/// Runs a row through the oracle in format F (and, for conversions, the target format).
private struct OracleRunner: FormatVisitor {
    let row: EdgeCase, oracle: Oracle, tininess: Tininess
    func visit<F: BinaryFormat>(_: F.Type) -> (UInt64, ExceptionFlags) {
        let x = row.operands.map { BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: $0)) }
        let r = row.rounding
        let t = tininess
        let result: OracleResult<F>
        switch row.operation {
        case .add: result = oracle.add(x[0], x[1], rounding: r, tininess: t)
        case .sub: result = oracle.subtract(x[0], x[1], rounding: r, tininess: t)
        case .mul: result = oracle.multiply(x[0], x[1], rounding: r, tininess: t)
        case .div: result = oracle.divide(x[0], x[1], rounding: r, tininess: t)
        case .sqrt: result = oracle.squareRoot(x[0], rounding: r, tininess: t)
        case .fma: result = oracle.fusedMultiplyAdd(x[0], x[1], x[2], rounding: r, tininess: t)
        case .convert:
            return row.target.visit(OracleConversion(value: x[0], oracle: oracle, rounding: r, tininess: t))
        }
        return (UInt64(truncatingIfNeeded: result.value.bits), result.flags)
    }
}

/// The oracle's conversion of `value` to the visited format.
private struct OracleConversion<F: BinaryFormat>: FormatVisitor {
    let value: BinaryFloat<F>, oracle: Oracle, rounding: RoundingRule, tininess: Tininess
    func visit<G: BinaryFormat>(_: G.Type) -> (UInt64, ExceptionFlags) {
        let result = oracle.convert(value, to: G.self, rounding: rounding, tininess: tininess)
        return (UInt64(truncatingIfNeeded: result.value.bits), result.flags)
    }
}

/// Runs a row through SoftFloat in format F, starting from an environment with no flags.
private struct SoftFloatRunner: FormatVisitor {
    let row: EdgeCase, tininess: Tininess
    func visit<F: BinaryFormat>(_: F.Type) -> (UInt64, ExceptionFlags) {
        let x = row.operands.map { BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: $0)) }
        var env = FloatEnvironment(rounding: row.rounding, tininess: tininess)
        let result: BinaryFloat<F>
        switch row.operation {
        case .add: result = x[0].adding(x[1], in: &env)
        case .sub: result = x[0].subtracting(x[1], in: &env)
        case .mul: result = x[0].multiplied(by: x[1], in: &env)
        case .div: result = x[0].divided(by: x[1], in: &env)
        case .sqrt: result = x[0].squareRoot(in: &env)
        case .fma: result = x[0].fusedMultiplyAdd(x[1], x[2], in: &env)
        case .convert:
            return row.target.visit(SoftFloatConversion(value: x[0], env: env))
        }
        return (UInt64(truncatingIfNeeded: result.bits), env.flags)
    }
}

/// SoftFloat's conversion of `value` to the visited format.
private struct SoftFloatConversion<F: BinaryFormat>: FormatVisitor {
    let value: BinaryFloat<F>, env: FloatEnvironment
    func visit<G: BinaryFormat>(_: G.Type) -> (UInt64, ExceptionFlags) {
        var env = env
        let result = value.converted(to: G.self, in: &env)
        return (UInt64(truncatingIfNeeded: result.bits), env.flags)
    }
}

// MARK: - The table

private let rne = RoundingRule.toNearestOrEven
private let rna = RoundingRule.toNearestOrAway
private let rtz = RoundingRule.towardZero
private let rup = RoundingRule.up
private let rdn = RoundingRule.down
private let none: ExceptionFlags = []
private let inexact: ExceptionFlags = .inexact
private let underflow: ExceptionFlags = [.underflow, .inexact]
private let overflow: ExceptionFlags = [.overflow, .inexact]
private let invalid: ExceptionFlags = .invalid
private let divByZero: ExceptionFlags = .divisionByZero

private func row(
    _ operation: EdgeCase.Operation, _ format: EdgeCase.Format, _ rounding: RoundingRule,
    _ operands: [UInt64], _ expected: UInt64, _ flags: ExceptionFlags,
    tininess: EdgeCase.TininessRule = .either, to target: EdgeCase.Format? = nil
) -> EdgeCase {
    EdgeCase(
        operation: operation, format: format, target: target ?? format, rounding: rounding, tininess: tininess,
        operands: operands, expected: expected, flags: flags, expectsNaN: false)
}

/// A row whose result is a NaN (any NaN matches), in roundTiesToEven.
private func nanRow(
    _ operation: EdgeCase.Operation, _ format: EdgeCase.Format, _ operands: [UInt64],
    _ flags: ExceptionFlags, to target: EdgeCase.Format? = nil
) -> EdgeCase {
    EdgeCase(
        operation: operation, format: format, target: target ?? format, rounding: rne, tininess: .either,
        operands: operands, expected: 0, flags: flags, expectsNaN: true)
}

extension EdgeCase {
    static let table: [EdgeCase] = [
        // MARK: Exact ties, every rounding attribute
        // half 1 + 2^-11 (0x1000: field -11+15 = 4): 1.0000000000|1b, the midpoint of 1 (0x3C00,
        // even) and 1 + 2^-10 (0x3C01). Even: down; away: up; directed by sign.
        row(.add, .half, rne, [0x3C00, 0x1000], 0x3C00, inexact),
        row(.add, .half, rna, [0x3C00, 0x1000], 0x3C01, inexact),
        row(.add, .half, rtz, [0x3C00, 0x1000], 0x3C00, inexact),
        row(.add, .half, rup, [0x3C00, 0x1000], 0x3C01, inexact),
        row(.add, .half, rdn, [0x3C00, 0x1000], 0x3C00, inexact),
        // half 1 + 3 * 2^-11 (0x1600 = 1.1b * 2^-10): 1 + 1.5 ulp, the midpoint of 0x3C01 (odd)
        // and 0x3C02 (even): even and away both go up.
        row(.add, .half, rne, [0x3C00, 0x1600], 0x3C02, inexact),
        row(.add, .half, rna, [0x3C00, 0x1600], 0x3C02, inexact),
        row(.add, .half, rtz, [0x3C00, 0x1600], 0x3C01, inexact),
        // half -1 - 2^-11: the negative tie. Even -1; away -(1 + 2^-10); up (toward +inf)
        // is toward zero -1; down is away.
        row(.add, .half, rne, [0xBC00, 0x9000], 0xBC00, inexact),
        row(.add, .half, rna, [0xBC00, 0x9000], 0xBC01, inexact),
        row(.add, .half, rup, [0xBC00, 0x9000], 0xBC00, inexact),
        row(.add, .half, rdn, [0xBC00, 0x9000], 0xBC01, inexact),
        // single 1 + 2^-24 (0x33800000: field 127-24 = 103 = 0x67): midpoint of 1 and 1 + 2^-23.
        row(.add, .single, rne, [0x3F80_0000, 0x3380_0000], 0x3F80_0000, inexact),
        row(.add, .single, rna, [0x3F80_0000, 0x3380_0000], 0x3F80_0001, inexact),
        row(.add, .single, rup, [0x3F80_0000, 0x3380_0000], 0x3F80_0001, inexact),
        // double 1 + 2^-53 (field 1023-53 = 970 = 0x3CA): midpoint of 1 and 1 + 2^-52.
        row(.add, .double, rne, [0x3FF0_0000_0000_0000, 0x3CA0_0000_0000_0000], 0x3FF0_0000_0000_0000, inexact),
        row(.add, .double, rna, [0x3FF0_0000_0000_0000, 0x3CA0_0000_0000_0000], 0x3FF0_0000_0000_0001, inexact),
        row(.add, .double, rdn, [0x3FF0_0000_0000_0000, 0x3CA0_0000_0000_0000], 0x3FF0_0000_0000_0000, inexact),
        // half sub: 1 - 2^-12 (0x0C00: field 3). Below 1 the ulp is 2^-11, so 1 - 2^-12 is the
        // midpoint of 1 - 2^-11 (0x3BFF, odd) and 1 (0x3C00, even).
        row(.sub, .half, rne, [0x3C00, 0x0C00], 0x3C00, inexact),
        row(.sub, .half, rtz, [0x3C00, 0x0C00], 0x3BFF, inexact),
        // half mul: 0x3C01 * 0x3800 = (1 + 2^-10) / 2 exact (0x3801); 0x3C01 * 0x3C01 =
        // 1 + 2^-9 + 2^-20: just above 0x3C02, below its midpoint with 0x3C03.
        row(.mul, .half, rne, [0x3C01, 0x3800], 0x3801, none),
        row(.mul, .half, rne, [0x3C01, 0x3C01], 0x3C02, inexact),
        row(.mul, .half, rup, [0x3C01, 0x3C01], 0x3C03, inexact),

        // MARK: Carry into the exponent
        // half 0x3BFF (1 - 2^-11) + 2^-12 (0x0C00) = 1 - 2^-12: the tie above; rounding up
        // carries out of the fraction into the exponent: 0x3C00.
        row(.add, .half, rne, [0x3BFF, 0x0C00], 0x3C00, inexact),
        row(.add, .half, rna, [0x3BFF, 0x0C00], 0x3C00, inexact),
        row(.add, .half, rtz, [0x3BFF, 0x0C00], 0x3BFF, inexact),
        row(.add, .half, rup, [0x3BFF, 0x0C00], 0x3C00, inexact),
        // single 0x3F7FFFFF (1 - 2^-24) + 2^-25 (0x33000000: field 102): the tie, even is 1.
        row(.add, .single, rne, [0x3F7F_FFFF, 0x3300_0000], 0x3F80_0000, inexact),
        // double 0x3FEFFFFFFFFFFFFF (1 - 2^-53) + 2^-54 (field 969 = 0x3C9): even is 1.
        row(.add, .double, rne, [0x3FEF_FFFF_FFFF_FFFF, 0x3C90_0000_0000_0000], 0x3FF0_0000_0000_0000, inexact),
        row(.add, .double, rtz, [0x3FEF_FFFF_FFFF_FFFF, 0x3C90_0000_0000_0000], 0x3FEF_FFFF_FFFF_FFFF, inexact),
        // half 0x3BFF * 0x3C01 = (1 - 2^-11)(1 + 2^-10) = 1 + 2^-11 - 2^-21: above 1 - 2^-11,
        // the exact product is over 1, nearest 1 (0x3C00, 2^-11 - 2^-21 < half ulp 2^-11).
        row(.mul, .half, rne, [0x3BFF, 0x3C01], 0x3C00, inexact),
        // half subnormal + subnormal carrying into the normal range: 0x03FF + 0x0001 =
        // 1024 * 2^-24 = 2^-14 = 0x0400, exact.
        row(.add, .half, rne, [0x03FF, 0x0001], 0x0400, none),

        // MARK: Overflow threshold, every rounding attribute
        // half 65504 + 16 (0x4C00) = 65520, midpoint of 65504 (odd) and 2^16. Overflow is decided
        // on the rounding with unbounded exponent: even/away/up give 2^16 > 65504 -> overflow;
        // toward zero/down give 65504 itself -> no overflow, just inexact.
        row(.add, .half, rne, [0x7BFF, 0x4C00], 0x7C00, overflow),
        row(.add, .half, rna, [0x7BFF, 0x4C00], 0x7C00, overflow),
        row(.add, .half, rtz, [0x7BFF, 0x4C00], 0x7BFF, inexact),
        row(.add, .half, rup, [0x7BFF, 0x4C00], 0x7C00, overflow),
        row(.add, .half, rdn, [0x7BFF, 0x4C00], 0x7BFF, inexact),
        // half 65504 + 8 (0x4800) = 65512, below the midpoint: nearest keeps 65504.
        row(.add, .half, rne, [0x7BFF, 0x4800], 0x7BFF, inexact),
        row(.add, .half, rna, [0x7BFF, 0x4800], 0x7BFF, inexact),
        row(.add, .half, rup, [0x7BFF, 0x4800], 0x7C00, overflow),
        // half 65504 + 32 (0x5000) = 2^16 exactly: above 65504 in every direction -> overflow;
        // toward zero/down deliver the largest finite.
        row(.add, .half, rtz, [0x7BFF, 0x5000], 0x7BFF, overflow),
        row(.add, .half, rdn, [0x7BFF, 0x5000], 0x7BFF, overflow),
        row(.add, .half, rne, [0x7BFF, 0x5000], 0x7C00, overflow),
        // Negative: -65504 - 32 = -2^16: up delivers -65504, down -inf.
        row(.add, .half, rup, [0xFBFF, 0xD000], 0xFBFF, overflow),
        row(.add, .half, rdn, [0xFBFF, 0xD000], 0xFC00, overflow),
        // single max * 2 = (2 - 2^-23) * 2^128.
        row(.mul, .single, rne, [0x7F7F_FFFF, 0x4000_0000], 0x7F80_0000, overflow),
        row(.mul, .single, rtz, [0x7F7F_FFFF, 0x4000_0000], 0x7F7F_FFFF, overflow),
        // double max + max = (2 - 2^-52) * 2^1024.
        row(.add, .double, rne, [0x7FEF_FFFF_FFFF_FFFF, 0x7FEF_FFFF_FFFF_FFFF], 0x7FF0_0000_0000_0000, overflow),
        row(.add, .double, rdn, [0x7FEF_FFFF_FFFF_FFFF, 0x7FEF_FFFF_FFFF_FFFF], 0x7FEF_FFFF_FFFF_FFFF, overflow),
        // half 65504 / 0.5 (0x3800) = 131008 > max: overflow.
        row(.div, .half, rne, [0x7BFF, 0x3800], 0x7C00, overflow),
        // half 0x7BFF * 0x3C01 = 65504 * (1 + 2^-10) = 65567.97: above 65520 -> inf; toward zero max.
        row(.mul, .half, rne, [0x7BFF, 0x3C01], 0x7C00, overflow),
        row(.mul, .half, rtz, [0x7BFF, 0x3C01], 0x7BFF, overflow),

        // MARK: Smallest subnormal results
        // half 2^-24 * 0.5 = 2^-25, the midpoint of 0 and 2^-24 (0x0001): even -> 0, away -> 2^-24.
        row(.mul, .half, rne, [0x0001, 0x3800], 0x0000, underflow),
        row(.mul, .half, rna, [0x0001, 0x3800], 0x0001, underflow),
        row(.mul, .half, rtz, [0x0001, 0x3800], 0x0000, underflow),
        row(.mul, .half, rup, [0x0001, 0x3800], 0x0001, underflow),
        row(.mul, .half, rdn, [0x0001, 0x3800], 0x0000, underflow),
        // Negative: -2^-25 keeps its sign when it underflows to zero; down gives -2^-24.
        row(.mul, .half, rne, [0x8001, 0x3800], 0x8000, underflow),
        row(.mul, .half, rup, [0x8001, 0x3800], 0x8000, underflow),
        row(.mul, .half, rdn, [0x8001, 0x3800], 0x8001, underflow),
        // half 2^-24 * 0.75 (0x3A00) = 0.75 * 2^-24: above the midpoint -> 2^-24.
        row(.mul, .half, rne, [0x0001, 0x3A00], 0x0001, underflow),
        row(.mul, .half, rtz, [0x0001, 0x3A00], 0x0000, underflow),
        // half 2^-24 * 0.25 (0x3400) = 2^-26: below the midpoint -> 0; up -> 2^-24.
        row(.mul, .half, rna, [0x0001, 0x3400], 0x0000, underflow),
        row(.mul, .half, rup, [0x0001, 0x3400], 0x0001, underflow),
        // half 1.5 * 2^-24: midpoint of 0x0001 and 0x0002 (even).
        row(.mul, .half, rne, [0x0003, 0x3800], 0x0002, underflow),
        row(.mul, .half, rna, [0x0003, 0x3800], 0x0002, underflow),
        row(.mul, .half, rtz, [0x0003, 0x3800], 0x0001, underflow),
        // Exact subnormal results raise nothing: 2 * 2^-24 * 0.5 = 2^-24; 2^-126 * 0.5 = 2^-127
        // (single 0x00400000); 2^-1074 * 1.
        row(.mul, .half, rne, [0x0002, 0x3800], 0x0001, none),
        row(.mul, .single, rne, [0x0080_0000, 0x3F00_0000], 0x0040_0000, none),
        row(.div, .double, rne, [0x0000_0000_0000_0001, 0x3FF0_0000_0000_0000], 0x0000_0000_0000_0001, none),
        // single 2^-149 / 2 = 2^-150: midpoint of 0 and 2^-149.
        row(.div, .single, rne, [0x0000_0001, 0x4000_0000], 0x0000_0000, underflow),
        row(.div, .single, rna, [0x0000_0001, 0x4000_0000], 0x0000_0001, underflow),
        // double 2^-1074 * 0.5 = 2^-1075.
        row(.mul, .double, rne, [0x0000_0000_0000_0001, 0x3FE0_0000_0000_0000], 0x0000_0000_0000_0000, underflow),
        row(.mul, .double, rup, [0x0000_0000_0000_0001, 0x3FE0_0000_0000_0000], 0x0000_0000_0000_0001, underflow),
        // half 2^-14 - 2^-24 (0x03FF) - 2^-14 (0x0400) = -2^-24 exactly: no flags.
        row(.sub, .half, rne, [0x03FF, 0x0400], 0x8001, none),

        // MARK: Tiny before rounding, not after
        // binary64 2^-14 * (1 - 2^-12) = 1.11111111111b * 2^-15 (12 ones) -> half. At 11 bits it
        // is a tie and even rounds up to 2^-14: not tiny after rounding, tiny before (exact is
        // below 2^-14). In the subnormal grid it is 1023.75 * 2^-24 -> 1024: 0x0400.
        row(.convert, .double, rne, [0x3F0F_FE00_0000_0000], 0x0400, inexact, tininess: .after, to: .half),
        row(.convert, .double, rne, [0x3F0F_FE00_0000_0000], 0x0400, underflow, tininess: .before, to: .half),
        row(.convert, .double, rna, [0x3F0F_FE00_0000_0000], 0x0400, inexact, tininess: .after, to: .half),
        row(.convert, .double, rup, [0x3F0F_FE00_0000_0000], 0x0400, underflow, tininess: .before, to: .half),
        // Toward zero it stays below 2^-14 even at 11 bits: 1023 * 2^-24 = 0x03FF, tiny both ways.
        row(.convert, .double, rtz, [0x3F0F_FE00_0000_0000], 0x03FF, underflow, to: .half),
        // The same value from an fma in half: -2^-13 (0x8800) * 2^-13 (0x0800) + 2^-14 (0x0400).
        row(.fma, .half, rne, [0x8800, 0x0800, 0x0400], 0x0400, inexact, tininess: .after),
        row(.fma, .half, rne, [0x8800, 0x0800, 0x0400], 0x0400, underflow, tininess: .before),
        // double: -2^-540 (0x9E3: field 483) * 2^-540 + 2^-1022 = 2^-1022 (1 - 2^-58): at 53 bits
        // it rounds to 2^-1022 (not tiny after); exact is below (tiny before).
        row(
            .fma, .double, rne, [0x9E30_0000_0000_0000, 0x1E30_0000_0000_0000, 0x0010_0000_0000_0000],
            0x0010_0000_0000_0000, inexact, tininess: .after),
        row(
            .fma, .double, rne, [0x9E30_0000_0000_0000, 0x1E30_0000_0000_0000, 0x0010_0000_0000_0000],
            0x0010_0000_0000_0000, underflow, tininess: .before),
        row(
            .fma, .double, rtz, [0x9E30_0000_0000_0000, 0x1E30_0000_0000_0000, 0x0010_0000_0000_0000],
            0x000F_FFFF_FFFF_FFFF, underflow),
        // Tiny after too: half (1 - 2^-11) * 2^-14 = 2^-14 - 2^-25, exactly 11 bits (so tiny at
        // 11 bits), and in the subnormal grid 1023.5 -> even 1024 = 0x0400, inexact.
        row(.mul, .half, rne, [0x3BFF, 0x0400], 0x0400, underflow),
        row(.mul, .half, rtz, [0x3BFF, 0x0400], 0x03FF, underflow),

        // MARK: Signed zeros
        // x - x = +0, except -0 rounding down (IEEE 6.3); -0 + -0 = -0; +0 + -0 = +0 / -0 down.
        row(.sub, .half, rne, [0x3C00, 0x3C00], 0x0000, none),
        row(.sub, .half, rdn, [0x3C00, 0x3C00], 0x8000, none),
        row(.add, .single, rna, [0x3F80_0000, 0xBF80_0000], 0x0000_0000, none),
        row(.add, .double, rdn, [0x0000_0000_0000_0001, 0x8000_0000_0000_0001], 0x8000_0000_0000_0000, none),
        row(.add, .half, rne, [0x8000, 0x8000], 0x8000, none),
        row(.add, .half, rne, [0x0000, 0x8000], 0x0000, none),
        row(.add, .half, rdn, [0x0000, 0x8000], 0x8000, none),
        row(.mul, .half, rne, [0x8000, 0x4500], 0x8000, none),
        row(.div, .single, rne, [0x0000_0000, 0xC040_0000], 0x8000_0000, none),
        row(.sqrt, .half, rne, [0x8000], 0x8000, none),
        row(.sqrt, .double, rdn, [0x0000_0000_0000_0000], 0x0000_0000_0000_0000, none),
        // fma(1, 1, -1) = +0 (-0 down); fma(1, -0, -0) = -0 + -0 = -0; fma(1, -0, +0) = +0.
        row(.fma, .half, rne, [0x3C00, 0x3C00, 0xBC00], 0x0000, none),
        row(.fma, .half, rdn, [0x3C00, 0x3C00, 0xBC00], 0x8000, none),
        row(.fma, .half, rne, [0x3C00, 0x8000, 0x8000], 0x8000, none),
        row(.fma, .half, rne, [0x3C00, 0x8000, 0x0000], 0x0000, none),
        row(.convert, .single, rne, [0x8000_0000], 0x8000_0000_0000_0000, none, to: .double),

        // MARK: Infinities
        row(.add, .half, rne, [0x7C00, 0x3C00], 0x7C00, none),  // inf + 1 = inf
        row(.add, .half, rne, [0x7C00, 0x7C00], 0x7C00, none),  // inf + inf
        row(.mul, .half, rne, [0x7C00, 0xC000], 0xFC00, none),  // inf * -2
        row(.div, .half, rne, [0x3C00, 0x7C00], 0x0000, none),  // 1 / inf = 0
        row(.div, .half, rne, [0xBC00, 0x7C00], 0x8000, none),  // -1 / inf = -0
        row(.div, .half, rne, [0x7C00, 0x0000], 0x7C00, none),  // inf / 0: exact, no divByZero
        row(.sqrt, .single, rne, [0x7F80_0000], 0x7F80_0000, none),  // sqrt(inf)
        row(.fma, .half, rne, [0x4000, 0x4200, 0x7C00], 0x7C00, none),  // 2*3 + inf
        row(.fma, .half, rne, [0x7C00, 0x3C00, 0x7C00], 0x7C00, none),  // inf*1 + inf
        row(.convert, .double, rne, [0xFFF0_0000_0000_0000], 0xFC00, none, to: .half),
        row(.convert, .half, rne, [0x7C00], 0x7F80_0000, none, to: .single),

        // MARK: Invalid operations (default NaN results)
        nanRow(.sub, .half, [0x7C00, 0x7C00], invalid),  // inf - inf
        nanRow(.add, .single, [0xFF80_0000, 0x7F80_0000], invalid),  // -inf + inf
        nanRow(.mul, .half, [0x0000, 0x7C00], invalid),  // 0 * inf
        nanRow(.mul, .double, [0xFFF0_0000_0000_0000, 0x8000_0000_0000_0000], invalid),
        nanRow(.div, .half, [0x0000, 0x8000], invalid),  // 0 / -0
        nanRow(.div, .single, [0x7F80_0000, 0xFF80_0000], invalid),  // inf / -inf
        nanRow(.sqrt, .half, [0xBC00], invalid),  // sqrt(-1)
        nanRow(.sqrt, .half, [0x8001], invalid),  // sqrt(-2^-24)
        nanRow(.sqrt, .double, [0xFFF0_0000_0000_0000], invalid),  // sqrt(-inf)
        nanRow(.fma, .half, [0x0000, 0x7C00, 0x3C00], invalid),  // 0*inf + 1
        nanRow(.fma, .half, [0x7C00, 0x3C00, 0xFC00], invalid),  // inf*1 - inf
        nanRow(.fma, .single, [0xFF80_0000, 0xBF80_0000, 0xFF80_0000], invalid),  // -inf*-1 - inf

        // MARK: Quiet and signalling NaN operands
        // A quiet NaN propagates silently; a signalling NaN raises invalid (7.2 a).
        nanRow(.add, .half, [0x7E00, 0x3C00], none),
        nanRow(.add, .half, [0x3C00, 0x7D00], invalid),
        nanRow(.sub, .single, [0x7FC0_0000, 0x7F80_0000], none),  // qNaN - inf
        nanRow(.mul, .double, [0x7FF0_0000_0000_0001, 0x7FF8_0000_0000_0000], invalid),
        nanRow(.div, .half, [0x7E00, 0x0000], none),  // qNaN / 0: no divByZero
        nanRow(.sqrt, .half, [0x7D00], invalid),
        nanRow(.sqrt, .single, [0xFFC0_0000], none),
        // fma(0, inf, qNaN): invalid, IEEE 7.2 c lets the implementation choose; x86 and
        // DESIGN.md raise it, for either order of 0 and inf.
        nanRow(.fma, .half, [0x0000, 0x7C00, 0x7E00], invalid),
        nanRow(.fma, .double, [0x7FF0_0000_0000_0000, 0x8000_0000_0000_0000, 0x7FF8_0000_0000_0000], invalid),
        nanRow(.fma, .half, [0x7E00, 0x0000, 0x7C00], none),  // qNaN*0 + inf
        nanRow(.fma, .half, [0x3C00, 0x3C00, 0x7D00], invalid),  // 1*1 + sNaN
        nanRow(.fma, .half, [0x3C00, 0x7E00, 0x7C00], none),
        nanRow(.convert, .double, [0x7FF0_0000_0000_0001], invalid, to: .single),  // sNaN
        nanRow(.convert, .double, [0x7FF8_0000_0000_0000], none, to: .half),  // qNaN
        nanRow(.convert, .half, [0x7D00], invalid, to: .double),
        nanRow(.convert, .single, [0xFFC0_0001], none, to: .half),

        // MARK: Division by zero
        row(.div, .half, rne, [0x3C00, 0x0000], 0x7C00, divByZero),  // 1 / +0
        row(.div, .half, rne, [0x3C00, 0x8000], 0xFC00, divByZero),  // 1 / -0
        row(.div, .half, rtz, [0x8001, 0x0000], 0xFC00, divByZero),  // -2^-24 / +0
        row(.div, .single, rne, [0x7F7F_FFFF, 0x8000_0000], 0xFF80_0000, divByZero),
        row(.div, .double, rdn, [0xBFF0_0000_0000_0000, 0x8000_0000_0000_0000], 0x7FF0_0000_0000_0000, divByZero),

        // MARK: fma rounds once
        // half (1 + 2^-10)^2 - (1 + 2^-9) = 2^-20 exactly (0x0010 = 16 * 2^-24): tiny but exact,
        // no flags. Two roundings would lose the 2^-20 in the product and return 0.
        row(.fma, .half, rne, [0x3C01, 0x3C01, 0xBC02], 0x0010, none),
        // half (1 + 2^-10)^2 + 2^-11 = 1 + 2.5 ulp + 2^-20: above the midpoint of 0x3C02 and
        // 0x3C03, so 0x3C03. Rounding the product first (to 1 + 2^-9) would make an exact tie
        // and ties-to-even would give 0x3C02.
        row(.fma, .half, rne, [0x3C01, 0x3C01, 0x1000], 0x3C03, inexact),
        row(.fma, .half, rna, [0x3C01, 0x3C01, 0x1000], 0x3C03, inexact),
        row(.fma, .half, rtz, [0x3C01, 0x3C01, 0x1000], 0x3C02, inexact),
        // The same in single: (1 + 2^-23)^2 + 2^-24 -> 1 + 3 * 2^-23.
        row(.fma, .single, rne, [0x3F80_0001, 0x3F80_0001, 0x3380_0000], 0x3F80_0003, inexact),
        // And double: (1 + 2^-52)^2 + 2^-53 -> 1 + 3 * 2^-52.
        row(
            .fma, .double, rne, [0x3FF0_0000_0000_0001, 0x3FF0_0000_0000_0001, 0x3CA0_0000_0000_0000],
            0x3FF0_0000_0000_0003, inexact),
        // Exact product cancelling a huge addend: 65504 * 2 - 65504 = 65504 in half (the
        // product 131008 overflows on its own but is never rounded): exact, no flags.
        row(.fma, .half, rne, [0x7BFF, 0x4000, 0xFBFF], 0x7BFF, none),

        // MARK: Square root
        // sqrt(2) = 0x1.6A09E667F3BCC908B2F...: half fraction 0110101000|0010... -> 0x3DA8;
        // single 0110101 00000100 11110011|0... -> 0x3FB504F3; double -> ...3BCD (rounds up).
        row(.sqrt, .half, rne, [0x4000], 0x3DA8, inexact),
        row(.sqrt, .half, rup, [0x4000], 0x3DA9, inexact),
        row(.sqrt, .single, rne, [0x4000_0000], 0x3FB5_04F3, inexact),
        row(.sqrt, .double, rne, [0x4000_0000_0000_0000], 0x3FF6_A09E_667F_3BCD, inexact),
        row(.sqrt, .double, rtz, [0x4000_0000_0000_0000], 0x3FF6_A09E_667F_3BCC, inexact),
        // sqrt(4) = 2; sqrt(2^-24) = 2^-12 (field 3: 0x0C00), exact from a subnormal.
        row(.sqrt, .half, rne, [0x4400], 0x4000, none),
        row(.sqrt, .half, rne, [0x0001], 0x0C00, none),
        // sqrt(max) in half, a near-tie: sqrt(65504) = 256 sqrt(1 - 2^-11) = 256 - 2^-4 - 2^-17 - ...
        // Below 256 the ulp is 2^-3, so the midpoint of 255.875 (0x5BFF) and 256 (0x5C00) is
        // 256 - 2^-4, and the root lies just below it: nearest 0x5BFF, up 0x5C00.
        row(.sqrt, .half, rne, [0x7BFF], 0x5BFF, inexact),
        row(.sqrt, .half, rna, [0x7BFF], 0x5BFF, inexact),
        row(.sqrt, .half, rup, [0x7BFF], 0x5C00, inexact),
        row(.sqrt, .half, rtz, [0x7BFF], 0x5BFF, inexact),

        // MARK: Conversions
        // binary64 1e-6 -> half: 1e-6 / 2^-24 = 16.777216 -> 17 = 0x0011, tiny and inexact.
        row(.convert, .double, rne, [0x3EB0_C6F7_A0B5_ED8D], 0x0011, underflow, to: .half),
        row(.convert, .double, rtz, [0x3EB0_C6F7_A0B5_ED8D], 0x0010, underflow, to: .half),
        // binary64 65520 (0x40EFFE0000000000) -> half: the overflow tie again.
        row(.convert, .double, rne, [0x40EF_FE00_0000_0000], 0x7C00, overflow, to: .half),
        row(.convert, .double, rtz, [0x40EF_FE00_0000_0000], 0x7BFF, inexact, to: .half),
        // binary64 1 + 2^-11 (0x3FF0020000000000) -> half: tie; even 0x3C00, away 0x3C01.
        row(.convert, .double, rne, [0x3FF0_0200_0000_0000], 0x3C00, inexact, to: .half),
        row(.convert, .double, rna, [0x3FF0_0200_0000_0000], 0x3C01, inexact, to: .half),
        // binary64 2^-25 (field 998 = 0x3E6) -> half: midpoint of 0 and 2^-24.
        row(.convert, .double, rne, [0x3E60_0000_0000_0000], 0x0000, underflow, to: .half),
        row(.convert, .double, rna, [0x3E60_0000_0000_0000], 0x0001, underflow, to: .half),
        // binary64 (2 - 2^-24) * 2^127 (0x47EFFFFFF0000000) -> single: midpoint of the largest
        // single (odd) and 2^128: even overflows; toward zero keeps the largest, no overflow.
        row(.convert, .double, rne, [0x47EF_FFFF_F000_0000], 0x7F80_0000, overflow, to: .single),
        row(.convert, .double, rtz, [0x47EF_FFFF_F000_0000], 0x7F7F_FFFF, inexact, to: .single),
        // binary64 2^-150 (field 873 = 0x369) -> single: midpoint of 0 and 2^-149.
        row(.convert, .double, rne, [0x3690_0000_0000_0000], 0x0000_0000, underflow, to: .single),
        row(.convert, .double, rna, [0x3690_0000_0000_0000], 0x0000_0001, underflow, to: .single),
        // Widening is exact: single 1 + 2^-23 -> double fraction 2^29; single 2^-149 -> double
        // field 1023 - 149 = 874 = 0x36A; half 2^-24 -> single field 103 = 0x67; half -65504 =
        // -1.1111111111b * 2^15 -> double field 1038 = 0x40E, fraction 0x3FF << 42 = 0xFFC0000000000.
        row(.convert, .single, rne, [0x3F80_0001], 0x3FF0_0000_2000_0000, none, to: .double),
        row(.convert, .single, rne, [0x0000_0001], 0x36A0_0000_0000_0000, none, to: .double),
        row(.convert, .half, rne, [0x0001], 0x3380_0000, none, to: .single),
        row(.convert, .half, rne, [0xFBFF], 0xC0EF_FC00_0000_0000, none, to: .double),
        // Same-format conversion is the identity, signalling NaN aside.
        row(.convert, .half, rne, [0x0001], 0x0001, none, to: .half),
    ]
}
