import SoftFloat

/// The ground truth for SoftFloat: correctly rounded IEEE 754 results and exception flags,
/// computed with GNU MPFR.
///
/// For each operation, binary format (at most 64 bits, p <= 53; OCP E4M3, which has no
/// infinities, included), rounding attribute and tininess rule it returns the bit pattern IEEE 754-2019 prescribes and the five flags the
/// operation raises under default exception handling. How (see `Oracle+Evaluation.swift`):
///
/// 1. NaN results and the invalid and divide-by-zero flags are derived from the operands,
///    since MPFR has no signalling NaNs (`Oracle+Exceptions.swift`).
/// 2. Operands are set exactly from their fields, and the operation is rounded to p bits in
///    MPFR's widest exponent range: that is rounding with an unbounded exponent range, from
///    which overflow and tininess (after or before rounding) are read.
/// 3. The format's exponent range is installed and `mpfr_check_range` and
///    `mpfr_subnormalize` deliver the result, whose ternary value decides inexact and, with
///    tininess, underflow.
/// 4. The result is encoded from its exponent and integer significand, for any format.
///
/// MPFR's exponent range and flags are per-thread state: use one oracle per thread (it is
/// not `Sendable`). Every call restores the thread's exponent range and MPFR flags as it
/// found them, and reuses the oracle's MPFR variables, so a call does not allocate (except
/// inside `mpfr_subnormalize` for results in the subnormal range).
public final class Oracle {
    /// Operands (64 bits hold any significand of p <= 53 exactly).
    let first = MPFRValue(precision: 64)
    let second = MPFRValue(precision: 64)
    let third = MPFRValue(precision: 64)
    /// The result, re-precisioned to the target's p on every call.
    let result = MPFRValue(precision: 64)
    /// The round-to-odd intermediate at p + 2 bits used for roundTiesToAway.
    let oddResult = MPFRValue(precision: 64)

    /// The string `OracleOperation.parse` reads.
    var parseInput = ""

    /// An oracle with its own MPFR variables.
    public init() {}

    /// a + b (IEEE 754-2019, 5.4.1 addition).
    @inlinable
    public func add<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>,
        rounding: RoundingRule, tininess: Tininess, saturating: Bool = false
    ) -> OracleResult<F> {
        binary(.add, a, b, rounding, tininess, saturating)
    }

    /// a - b (IEEE 754-2019, 5.4.1 subtraction).
    @inlinable
    public func subtract<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>,
        rounding: RoundingRule, tininess: Tininess, saturating: Bool = false
    ) -> OracleResult<F> {
        binary(.subtract, a, b, rounding, tininess, saturating)
    }

    /// a * b (IEEE 754-2019, 5.4.1 multiplication).
    @inlinable
    public func multiply<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>,
        rounding: RoundingRule, tininess: Tininess, saturating: Bool = false
    ) -> OracleResult<F> {
        binary(.multiply, a, b, rounding, tininess, saturating)
    }

    /// a / b (IEEE 754-2019, 5.4.1 division).
    @inlinable
    public func divide<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>,
        rounding: RoundingRule, tininess: Tininess, saturating: Bool = false
    ) -> OracleResult<F> {
        binary(.divide, a, b, rounding, tininess, saturating)
    }

    /// The square root of a (IEEE 754-2019, 5.4.1 squareRoot; sqrt(-0) = -0).
    @inlinable
    public func squareRoot<F: BinaryFormat>(
        _ a: BinaryFloat<F>,
        rounding: RoundingRule, tininess: Tininess, saturating: Bool = false
    ) -> OracleResult<F> {
        binary(.squareRoot, a, a, rounding, tininess, saturating)
    }

    /// a * b + c with a single rounding (IEEE 754-2019, 5.4.1 fusedMultiplyAdd).
    @inlinable
    public func fusedMultiplyAdd<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _ c: BinaryFloat<F>,
        rounding: RoundingRule, tininess: Tininess,
        saturating: Bool = false
    ) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let (bits, flags) = evaluate(
            .fusedMultiplyAdd, a.encodingWord, b.encodingWord, c.encodingWord, source: layout, target: layout,
            rounding: rounding, tininess: tininess, saturating: saturating)
        return OracleResult(bits, flags)
    }

    /// a converted to format G (IEEE 754-2019, 5.4.2 formatOf-convertFormat): exact when G
    /// is at least as wide, else correctly rounded with overflow and underflow as for any
    /// operation. A signalling NaN raises invalid; a quiet NaN raises nothing.
    @inlinable
    public func convert<F: BinaryFormat, G: BinaryFormat>(
        _ a: BinaryFloat<F>, to _: G.Type,
        rounding: RoundingRule, tininess: Tininess,
        saturating: Bool = false
    ) -> OracleResult<G> {
        let (bits, flags) = evaluate(
            .convert, a.encodingWord, 0, 0, source: FormatLayout(F.self), target: FormatLayout(G.self),
            rounding: rounding, tininess: tininess, saturating: saturating)
        return OracleResult(bits, flags)
    }

    /// One- and two-operand operations in one format (b is ignored by unary ones).
    @inlinable @inline(__always)
    func binary<F: BinaryFormat>(
        _ operation: OracleOperation, _ a: BinaryFloat<F>, _ b: BinaryFloat<F>,
        _ rounding: RoundingRule, _ tininess: Tininess,
        _ saturating: Bool = false
    ) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let (bits, flags) = evaluate(
            operation, a.encodingWord, b.encodingWord, 0, source: layout, target: layout,
            rounding: rounding, tininess: tininess, saturating: saturating)
        return OracleResult(bits, flags)
    }
}

extension BinaryFloat {
    /// The encoding widened to 64 bits.
    @inlinable @inline(__always)
    var encodingWord: UInt64 { UInt64(truncatingIfNeeded: bits) }
}

extension OracleResult {
    /// A result from an encoding widened to 64 bits.
    @inlinable @inline(__always)
    init(_ bits: UInt64, _ flags: ExceptionFlags) {
        self.init(value: BinaryFloat(bits: F.Bits(truncatingIfNeeded: bits)), flags: flags)
    }
}
