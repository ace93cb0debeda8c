import SoftFloat

/// The oracle for the sign-bit operations (IEEE 754-2019, 5.5.1) and the magnitude extrema
/// (9.6), derived from the operands' decoded fields and MPFR, independently of SoftFloat.
///
/// negate, abs and copySign change only the sign bit and raise nothing, NaNs included: for a
/// NaN operand the result is the operand's encoding with the sign bit set as the operation
/// says (payload and signalling bit kept, not quieted); for a number, MPFR's exact `mpfr_neg`
/// / `mpfr_abs`, encoded. In E8M0, which has no sign bit (every value positive), abs and
/// copySign return their first operand, and negate of a number has no encoding: invalid, the
/// NaN (2^-127 saturating), as `Internals/Unrepresentable.swift` decides.
///
/// minimumMagnitude(x, y) is x if |x| < |y|, y if |y| < |x|, else minimum(x, y) (MPFR's
/// `mpfr_cmpabs`, then `mpfr_min`, whose -0 is below +0); a NaN operand gives a NaN, invalid
/// if it signals. The Number variants return the number when exactly one operand is a NaN
/// (invalid still raised for a signalling one), a NaN when both are.
extension Oracle {
    /// negate(a).
    public func negate<F: BinaryFormat>(_ a: BinaryFloat<F>, saturating: Bool = false) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        if !layout.hasSign {
            if x.isNaN { return OracleResult(a.encodingWord, []) }
            return OracleResult(saturating ? 0 : layout.nanMagnitude, .invalid)
        }
        if x.isNaN { return OracleResult(a.encodingWord ^ layout.signBit, []) }
        return OracleResult(exactly(x, layout) { _ = $0.negate($0) }, [])
    }

    /// abs(a).
    public func absoluteValue<F: BinaryFormat>(_ a: BinaryFloat<F>) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        if x.isNaN { return OracleResult(a.encodingWord & ~layout.signBit, []) }
        return OracleResult(exactly(x, layout) { _ = $0.absoluteValue($0) }, [])
    }

    /// copySign(a, b): a's magnitude with b's sign.
    public func copySign<F: BinaryFormat>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        let negative = layout.decode(b.encodingWord).negative
        if x.isNaN {
            return OracleResult((a.encodingWord & ~layout.signBit) | (negative ? layout.signBit : 0), [])
        }
        return OracleResult(
            exactly(x, layout) { value in
                _ = value.absoluteValue(value)
                if negative { _ = value.negate(value) }
            }, [])
    }

    /// minimumMagnitude(a, b), or with `number` minimumMagnitudeNumber(a, b).
    public func minimumMagnitude<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>, number: Bool = false
    ) -> OracleResult<F> {
        magnitudeExtremum(a, b, smaller: true, number: number)
    }

    /// maximumMagnitude(a, b), or with `number` maximumMagnitudeNumber(a, b).
    public func maximumMagnitude<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>, number: Bool = false
    ) -> OracleResult<F> {
        magnitudeExtremum(a, b, smaller: false, number: number)
    }

    func magnitudeExtremum<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>, smaller: Bool, number: Bool
    ) -> OracleResult<F> {
        let layout = FormatLayout(F.self)
        let x = layout.decode(a.encodingWord)
        let y = layout.decode(b.encodingWord)
        let flags: ExceptionFlags = x.isSignalingNaN || y.isSignalingNaN ? .invalid : []
        if x.isNaN || y.isNaN {
            if number && !(x.isNaN && y.isNaN) { return OracleResult(x.isNaN ? b.encodingWord : a.encodingWord, flags) }
            return OracleResult(layout.defaultNaN, flags)
        }
        let bits = withMPFRState {
            load(x, into: first)
            load(y, into: second)
            let c = first.compareMagnitude(to: second)
            if c != 0 { return (c < 0) == smaller ? a.encodingWord : b.encodingWord }
            // Equal magnitudes: minimum / maximum, where -0 < +0.
            result.setPrecision(64)
            if smaller { result.minimum(first, second) } else { result.maximum(first, second) }
            return encode(result, in: layout)
        }
        return OracleResult(bits, flags)
    }

    /// The encoding of `transform` applied (exactly) to the non-NaN operand `x`.
    private func exactly(_ x: Operand, _ layout: FormatLayout, _ transform: (MPFRValue) -> Void) -> UInt64 {
        withMPFRState {
            load(x, into: first)
            transform(first)
            return encode(first, in: layout)
        }
    }
}
