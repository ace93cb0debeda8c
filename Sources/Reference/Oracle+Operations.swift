import SoftFloat

/// The oracle for the operations beyond arithmetic: remainder, scaleB, logB, round to
/// integral, integer conversions, comparisons, nextUp, decimal parsing, exact decimals.
///
/// As for arithmetic, MPFR computes the value (exactly or correctly rounded) and everything
/// MPFR cannot express — invalid, the NaN and infinity encodings, E4M3 overflow — is derived
/// here from the operands and IEEE 754-2019, independently of SoftFloat's code.
extension Oracle {
    /// remainder(a, b) (5.3.1), exact.
    public func remainder<F: BinaryFormat>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>) -> OracleResult<F> {
        binary(.remainder, a, b, .toNearestOrEven, .afterRounding)
    }

    /// a * 2^n (5.3.3 scaleB), rounded.
    public func scaleB<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ n: Int, rounding: RoundingRule,
        tininess: Tininess, saturating: Bool = false
    ) -> OracleResult<F> {
        binary(.scaleB(n), a, a, rounding, tininess, saturating)
    }

    /// `text` (decimal or hexadecimal, MPFR base-0 syntax) correctly rounded into F by
    /// `mpfr_strtofr`. "nan"/"inf" (signed) are decided here: a quiet NaN of the written sign,
    /// no flags; ±infinity, or in a format without infinities invalid and NaN (±max saturating).
    public func parse<F: BinaryFormat>(
        _ text: String, to _: F.Type, rounding: RoundingRule, tininess: Tininess,
        saturating: Bool = false
    ) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        var body = Substring(text)
        var negative = false
        if let c = body.first, c == "+" || c == "-" {
            negative = c == "-"
            body = body.dropFirst()
        }
        let word = body.lowercased()
        let sign = negative ? layout.signBit : 0
        if word.hasPrefix("nan") {
            // No NaN in FP6/FP4: what converting the NaN gives, a zero of the opposite sign.
            if !layout.hasNaN { return OracleResult(negative ? 0 : layout.signBit, .invalid) }
            let quiet =
                layout.hasInfinities
                ? layout.infinityMagnitude | 1 << UInt64(layout.fractionBitCount - 1)
                : layout.nanMagnitude
            return OracleResult(sign | quiet, [])
        }
        if word == "inf" || word == "infinity" {
            if layout.hasInfinities { return OracleResult(sign | layout.infinityMagnitude, []) }
            return OracleResult(Self.infiniteEncoding(negative: negative, layout, saturating), .invalid)
        }
        parseInput = text
        let (bits, flags) = withMPFRState {
            deliver(.parse, to: layout, rounding: rounding, tininess: tininess, saturating: saturating, flags: [])
        }
        return OracleResult(bits, flags)
    }

    /// The integer `value` (sign and magnitude) rounded into F (5.4.1 convertFromInt).
    public func convert<F: BinaryFormat>(
        integerMagnitude magnitude: UInt64, negative: Bool, to _: F.Type,
        rounding: RoundingRule, tininess: Tininess,
        saturating: Bool = false
    ) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        if magnitude == 0 {
            // +0 for integer zero; E8M0 has no zero: invalid, NaN (0x00 saturating).
            if !layout.hasZero { return OracleResult(saturating ? 0 : layout.nanMagnitude, .invalid) }
            return OracleResult(0, [])
        }
        let (bits, flags) = withMPFRState {
            first.set(magnitude)  // exact: 64-bit variable
            if negative { first.negate(first) }
            return deliver(
                .convert, to: layout, rounding: rounding, tininess: tininess,
                saturating: saturating, flags: [])
        }
        return OracleResult(bits, flags)
    }

    /// a rounded to an integer by MPFR (`mpfr_rint`, or `mpfr_round` for ties away), as a
    /// sign and magnitude, whether it changed the value, and whether the magnitude fits in 64
    /// bits; nil for NaN and infinities.
    func roundToInteger<F: BinaryFormat>(_ a: BinaryFloat<F>, _ rule: RoundingRule)
        -> (negative: Bool, magnitude: UInt64, inexact: Bool, fits: Bool)?
    {
        let x = FormatLayout(F.self).decode(a.encodingWord)
        guard case .finite = x.kind else {
            return x.isZero ? (x.negative, 0, false, true) : nil
        }
        return withMPFRState {
            load(x, into: first)
            result.setPrecision(128)
            let ternary = integralRounding(of: first, into: result, rule)
            let inexact = ternary == 2 || ternary == -2
            let negative = result.isNegative
            if result.isZero { return (negative, 0, inexact, true) }
            guard result.exponent <= 64 else { return (negative, 0, inexact, false) }
            result.absoluteValue(result)
            return (negative, result.uint64Value(), inexact, true)
        }
    }

    /// `a` rounded to an integer into `destination` by `rule`: `mpfr_rint` in the rule's MPFR
    /// mode, or `mpfr_round` for ties away; the ternary value (±2 when the integer differs from a).
    private func integralRounding(of a: MPFRValue, into destination: MPFRValue, _ rule: RoundingRule) -> Int32 {
        guard let mode = rule.mpfrMode else { return destination.roundToIntegralTiesAway(a) }
        return destination.roundToIntegral(a, rounding: mode)
    }

    /// a converted to integer type I rounding by `rule` (5.8): invalid for NaN, infinities
    /// and out-of-range results (returning I.min for signed, I.max for unsigned types, the
    /// x86 convention); inexact only for the `exact` variant.
    public func convert<F: BinaryFormat, I: FixedWidthInteger>(
        _ a: BinaryFloat<F>, toInteger _: I.Type,
        rounding rule: RoundingRule, exact: Bool
    ) -> (value: I, flags: ExceptionFlags) {
        let invalid: (I, ExceptionFlags) = (I.isSigned ? I.min : I.max, .invalid)
        guard let (negative, magnitude, inexact, fits) = roundToInteger(a, rule), fits else { return invalid }
        // Mathematical range check on sign and magnitude.
        let lowest = I.isSigned ? UInt64(1) << UInt64(I.bitWidth - 1) : 0  // |I.min|
        let highest = UInt64(truncatingIfNeeded: I.max)
        let inRange = negative ? magnitude <= lowest : magnitude <= highest
        guard inRange else { return invalid }
        let value = negative ? I(truncatingIfNeeded: 0 &- magnitude) : I(truncatingIfNeeded: magnitude)
        return (value, exact && inexact ? .inexact : [])
    }

    /// a rounded to an integral value in F by `rule` (5.3.1 roundToIntegral...; with `exact`,
    /// roundToIntegralExact's inexact). NaN: invalid if signalling; ±inf and zeros unchanged.
    /// In FP6 E2M3, whose largest value 7.5 is not an integer, an integral result of ±8
    /// overflows: ±7.5 with overflow|inexact (Internals/Unrepresentable.swift).
    public func roundToIntegral<F: BinaryFormat>(_ a: BinaryFloat<F>, rounding rule: RoundingRule, exact: Bool)
        -> OracleResult<F>
    {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        if x.isNaN { return OracleResult(layout.defaultNaN, x.isSignalingNaN ? .invalid : []) }
        if x.isInfinite || x.isZero { return OracleResult(a.encodingWord, []) }
        let (bits, flags): (UInt64, ExceptionFlags) = withMPFRState {
            load(x, into: first)
            result.setPrecision(layout.precision)
            let ternary = integralRounding(of: first, into: result, rule)
            let inexact: ExceptionFlags = exact && (ternary == 2 || ternary == -2) ? .inexact : []
            // E8M0 has no zero: an integral value of 0 is the NaN, with invalid.
            if result.isZero && !layout.hasZero { return (layout.nanMagnitude, inexact.union(.invalid)) }
            // An integral value beyond the largest finite (only FP6 E2M3: 7.5 rounds to 8):
            // an overflow, delivered by the overflow rule (±7.5), overflow|inexact.
            guard case let .finite(significand, exponent) = layout.decode(layout.maxFiniteMagnitude).kind else {
                preconditionFailure("the largest finite value is finite")
            }
            second.set(significand: significand, exponent: exponent)
            if result.compareMagnitude(to: second) > 0 {
                return (Self.infiniteEncoding(negative: result.isNegative, layout, false), [.overflow, .inexact])
            }
            return (encode(result, in: layout), inexact)
        }
        return OracleResult(bits, flags)
    }

    /// How a relates to b (5.11): MPFR's comparison for numbers; unordered with a NaN, which
    /// raises invalid if `signaling` or if the NaN signals.
    public func compare<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>,
        signaling: Bool
    ) -> (FloatComparison, ExceptionFlags) {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        let y = layout.decode(b.encodingWord)
        if x.isNaN || y.isNaN {
            return (.unordered, signaling || x.isSignalingNaN || y.isSignalingNaN ? .invalid : [])
        }
        let c = withMPFRState {
            load(x, into: first)
            load(y, into: second)
            return first.compare(to: second)
        }
        return (c < 0 ? .less : c > 0 ? .greater : .equal, [])
    }

    /// nextUp(a) (5.3.1): a value just above a (MPFR's next 64-bit number, strictly between a
    /// and the next value of F) rounded upward into F. The largest finite value steps to
    /// +inf — in E4M3 to the NaN, as an upward overflow does. -inf steps to -largest. NaN:
    /// invalid if signalling. No other flags.
    public func nextUp<F: BinaryFormat>(_ a: BinaryFloat<F>) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        if x.isNaN { return OracleResult(layout.defaultNaN, x.isSignalingNaN ? .invalid : []) }
        if x.isInfinite {
            return OracleResult(x.negative ? layout.signBit | layout.maxFiniteMagnitude : a.encodingWord, [])
        }
        let (bits, _) = withMPFRState {
            load(x, into: first)
            first.nextUp()
            return deliver(.convert, to: layout, rounding: .up, tininess: .afterRounding, saturating: false, flags: [])
        }
        return OracleResult(bits, [])
    }

    /// logB(a) in F (5.3.3, C `logb`): the MPFR exponent minus one, rounded into F;
    /// logB(0) = -inf with divide-by-zero (E4M3: NaN), logB(±inf) = +inf, NaN: invalid if
    /// signalling.
    public func logB<F: BinaryFormat>(_ a: BinaryFloat<F>, rounding: RoundingRule) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        if x.isNaN { return OracleResult(layout.defaultNaN, x.isSignalingNaN ? .invalid : []) }
        if x.isInfinite { return OracleResult(layout.infinityMagnitude, []) }
        if x.isZero { return OracleResult(Self.infiniteEncoding(negative: true, layout, false), .divisionByZero) }
        let (bits, flags) = withMPFRState {
            load(x, into: first)
            let e = first.exponent - 1
            first.set(e)
            return deliver(
                .convert, to: layout, rounding: rounding, tininess: .afterRounding, saturating: false, flags: [])
        }
        return OracleResult(bits, flags)
    }

    /// Every digit of a's exact decimal value, from `mpfr_get_str` with more digits than the
    /// expansion has (then trailing zeros removed): `0.0999755859375`, `65504`, `-0`;
    /// `inf`/`nan` for specials.
    public func exactDecimal<F: BinaryFormat>(_ a: BinaryFloat<F>) -> String {
        let x = FormatLayout(F.self).decode(a.encodingWord)
        let sign = x.negative ? "-" : ""
        switch x.kind {
        case .quietNaN, .signalingNaN: return sign + "nan"
        case .infinity: return sign + "inf"
        case .zero: return sign + "0"
        case let .finite(significand, exponent):
            return sign + exactDecimal(significand: significand, exponent: exponent)
        }
    }

    /// The exact decimal digits of significand * 2^exponent (non-negative), via MPFR.
    public func exactDecimal(significand: UInt64, exponent: Int) -> String {
        if significand == 0 { return "0" }
        return withMPFRState {
            first.set(significand: significand, exponent: exponent)
            // Digits needed: at most 20 before the last bit's position, plus one per halving.
            let count = 40 + (exponent < 0 ? -exponent : Int(Double(exponent) * 0.302))
            guard let (digits, e10) = first.significantDigits(count) else { return "?" }
            var text = digits
            while text.last == "0" { text.removeLast() }
            // value = 0.text * 10^e10
            if e10 <= 0 { return "0." + String(repeating: "0", count: -e10) + text }
            if text.count <= e10 { return text + String(repeating: "0", count: e10 - text.count) }
            let split = text.index(text.startIndex, offsetBy: e10)
            return text[..<split] + "." + text[split...]
        }
    }
}
