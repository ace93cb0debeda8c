import SoftFloat

extension OperandGenerator {
    /// A value near the integer-conversion boundaries: ±2^31, ±2^32, ±2^63, ±2^64, 2^p, small
    /// integers, a few ulps either side, and halfway cases k + 1/2; otherwise any operand.
    public mutating func integerBoundaryOperand() -> Value {
        if chance(30) { return operand() }
        var env = FloatEnvironment()
        let negative = chance(50)
        if chance(30) {
            // k + 1/2 for small k (ties of every rounding attribute), or k + 1/4, k + 3/4.
            let k = UInt64(below(16))
            let numerator = 4 * k + [1, 2, 3][below(3)]
            let x = BinaryFloat<F>.init(Int64(numerator), in: &env).scaled(byPowerOfTwo: -2, in: &env)
            return x.negatedIf(negative)
        }
        let exponents = [0, 1, 31, 32, 63, 64, F.precision - 1, F.precision, F.precision + 1]
        let k = exponents[below(exponents.count)]
        var x = BinaryFloat<F>.init(Int64(1), in: &env).scaled(byPowerOfTwo: k, in: &env)
        for _ in 0..<below(4) { x = chance(50) ? x.nextUp(in: &env) : x.nextDown(in: &env) }
        return x.negatedIf(negative)
    }

    /// An integer (sign, magnitude) for conversion into the format: boundaries of the integer
    /// types, values with p and p + 1 significant bits (ties), or random widths.
    public mutating func integerOperand() -> (negative: Bool, magnitude: UInt64) {
        let negative = chance(50)
        switch below(4) {
        case 0:
            let specials: [UInt64] = [
                0, 1, UInt64(Int32.max), 1 << 31, UInt64(UInt32.max), UInt64(Int64.max),
                1 << 63, UInt64.max,
            ]
            return (negative, specials[below(specials.count)])
        case 1:  // p + 1 .. p + 3 significant bits: exact ties and near ties
            let bits = F.precision + 1 + below(3)
            let top = min(63, bits - 1 + below(64 - min(63, bits)))
            let body = (rng.next() | 1) & ((1 << UInt64(bits)) - 1) | (1 << UInt64(bits - 1))
            return (negative, body << UInt64(max(0, top - bits + 1)))
        default:
            let width = 1 + below(64)
            return (negative, rng.next() >> UInt64(64 - width))
        }
    }
}
