import SoftFloat

/// SoftFloat values into MPFR, exactly.
extension MPFRValue {
    /// Sets the value exactly to `x`; any NaN (MPFR has one, without payload or signalling
    /// bit) sets NaN. The precision must hold F's significand (at least `F.precision` bits).
    public func set<F: BinaryFormat>(_ x: BinaryFloat<F>) {
        precondition(precision >= F.precision, "\(precision) bits cannot hold \(F.name) exactly")
        set(FormatLayout(F.self).decode(x.encodingWord))
    }

    /// Sets the value exactly to a decoded operand: significand * 2^exponent, then the sign.
    /// The precision must hold the significand.
    func set(_ operand: Operand) {
        switch operand.kind {
        case .zero: setZero(negative: operand.negative)
        case .infinity: setInfinity(negative: operand.negative)
        case .quietNaN, .signalingNaN: setNaN()
        case let .finite(significand, exponent):
            let ternary = set(significand: significand, exponent: exponent)
            assert(ternary == 0, "the significand does not fit the precision")
            if operand.negative { negate(self) }
        }
    }
}
