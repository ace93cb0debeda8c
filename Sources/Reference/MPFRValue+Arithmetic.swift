import CMPFR

/// Assignment and arithmetic: `x.add(a, b)` is `mpfr_add(x, a, b, rounding)`. Every result is
/// the exact one rounded to this value's precision by `rounding`, in the calling thread's
/// exponent range; every method returns MPFR's ternary value (negative, zero or positive as
/// the stored result is below, equal to or above the exact one). Operands may be this value
/// itself (`x.add(x, b)`), as MPFR allows.
extension MPFRValue {
    /// Sets the value to `Double` `value` rounded to this precision.
    @discardableResult
    public func set(_ value: Double, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR { mpfr_set_d($0, value, rounding) }
    }

    /// Sets the value to the integer `value` rounded to this precision.
    @discardableResult
    public func set(_ value: Int, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR { mpfr_set_si($0, value, rounding) }
    }

    /// Sets the value to the unsigned integer `value` rounded to this precision (exact from
    /// 64 bits up).
    @discardableResult
    public func set(_ value: UInt64, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR { __gmpfr_set_uj($0, UInt(value), rounding) }
    }

    /// Sets the value to `significand` * 2^`exponent` rounded to this precision (exact when
    /// the significand fits it).
    @discardableResult
    public func set(significand: UInt64, exponent: Int, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR { mpfr_set_ui_2exp($0, UInt(significand), exponent, rounding) }
    }

    /// Sets the value to `a` rounded to this precision.
    @discardableResult
    public func set(_ a: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a) { mpfr_set($0, $1, rounding) }
    }

    /// Sets the value to +0 or -0.
    public func setZero(negative: Bool = false) {
        withUnsafeMPFR { mpfr_set_zero($0, negative ? -1 : 1) }
    }

    /// Sets the value to +infinity or -infinity.
    public func setInfinity(negative: Bool = false) {
        withUnsafeMPFR { mpfr_set_inf($0, negative ? -1 : 1) }
    }

    /// Sets the value to NaN.
    public func setNaN() {
        withUnsafeMPFR { mpfr_set_nan($0) }
    }

    /// -a, rounded (exact when a fits this precision).
    @discardableResult
    public func negate(_ a: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a) { mpfr_neg($0, $1, rounding) }
    }

    /// |a|, rounded (exact when a fits this precision).
    @discardableResult
    public func absoluteValue(_ a: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a) { mpfr_abs($0, $1, rounding) }
    }

    /// a + b.
    @discardableResult
    public func add(_ a: MPFRValue, _ b: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a, b) { mpfr_add($0, $1, $2, rounding) }
    }

    /// a - b.
    @discardableResult
    public func subtract(_ a: MPFRValue, _ b: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a, b) { mpfr_sub($0, $1, $2, rounding) }
    }

    /// a * b.
    @discardableResult
    public func multiply(_ a: MPFRValue, _ b: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a, b) { mpfr_mul($0, $1, $2, rounding) }
    }

    /// a / b.
    @discardableResult
    public func divide(_ a: MPFRValue, _ b: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a, b) { mpfr_div($0, $1, $2, rounding) }
    }

    /// The square root of a (sqrt(-0) = -0, NaN below zero).
    @discardableResult
    public func squareRoot(_ a: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a) { mpfr_sqrt($0, $1, rounding) }
    }

    /// a * b + c with one rounding.
    @discardableResult
    public func fusedMultiplyAdd(
        _ a: MPFRValue, _ b: MPFRValue, _ c: MPFRValue,
        rounding: mpfr_rnd_t = MPFR_RNDN
    ) -> Int32 {
        withUnsafeMPFR(a, b, c) { mpfr_fma($0, $1, $2, $3, rounding) }
    }

    /// The IEEE remainder a - n * b, n the integer nearest a / b (ties to even).
    @discardableResult
    public func remainder(_ a: MPFRValue, _ b: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a, b) { mpfr_remainder($0, $1, $2, rounding) }
    }

    /// a * 2^n.
    @discardableResult
    public func scale(_ a: MPFRValue, byPowerOfTwo n: Int, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a) { mpfr_mul_2si($0, $1, n, rounding) }
    }

    /// a rounded to an integer in direction `rounding` (`mpfr_rint`), then to this precision.
    /// The ternary value is ±2 when the integer differs from a, ±1 when only the second
    /// rounding was inexact, 0 when neither was.
    @discardableResult
    public func roundToIntegral(_ a: MPFRValue, rounding: mpfr_rnd_t) -> Int32 {
        withUnsafeMPFR(a) { mpfr_rint($0, $1, rounding) }
    }

    /// a rounded to the nearest integer, ties away from zero (`mpfr_round`); ternary value as
    /// for ``roundToIntegral(_:rounding:)``.
    @discardableResult
    public func roundToIntegralTiesAway(_ a: MPFRValue) -> Int32 {
        withUnsafeMPFR(a) { mpfr_round($0, $1) }
    }

    /// Steps to the next representable value above, at this precision (`mpfr_nextabove`).
    public func nextUp() {
        withUnsafeMPFR { mpfr_nextabove($0) }
    }

    /// Steps to the next representable value below, at this precision (`mpfr_nextbelow`).
    public func nextDown() {
        withUnsafeMPFR { mpfr_nextbelow($0) }
    }

    /// Brings the value, whose rounding had ternary value `ternary`, into the calling thread's
    /// exponent range (`mpfr_check_range`); returns the new ternary value.
    public func checkRange(ternary: Int32, rounding: mpfr_rnd_t) -> Int32 {
        withUnsafeMPFR { mpfr_check_range($0, ternary, rounding) }
    }

    /// Rounds the value again as a subnormal of the current exponent range would be
    /// (`mpfr_subnormalize`); returns the new ternary value.
    public func subnormalize(ternary: Int32, rounding: mpfr_rnd_t) -> Int32 {
        withUnsafeMPFR { mpfr_subnormalize($0, ternary, rounding) }
    }

    /// The sign of self - other (`mpfr_cmp`): negative, zero or positive; 0 if either is NaN
    /// (which also sets MPFR's erange flag).
    public func compare(to other: MPFRValue) -> Int32 {
        withUnsafeMPFR(other) { mpfr_cmp($0, $1) }
    }

    /// The sign of self - `significand` * 2^`exponent` (`mpfr_cmp_si_2exp`).
    public func compare(toSignificand significand: Int, exponent: Int) -> Int32 {
        withUnsafeMPFR { mpfr_cmp_si_2exp($0, significand, exponent) }
    }

    /// The sign of |self| - |other| (`mpfr_cmpabs`); 0 if either is NaN.
    public func compareMagnitude(to other: MPFRValue) -> Int32 {
        withUnsafeMPFR(other) { mpfr_cmpabs($0, $1) }
    }

    /// The smaller of a and b (`mpfr_min`: -0 below +0, a NaN operand ignored).
    @discardableResult
    public func minimum(_ a: MPFRValue, _ b: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a, b) { mpfr_min($0, $1, $2, rounding) }
    }

    /// The larger of a and b (`mpfr_max`: +0 above -0, a NaN operand ignored).
    @discardableResult
    public func maximum(_ a: MPFRValue, _ b: MPFRValue, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR(a, b) { mpfr_max($0, $1, $2, rounding) }
    }
}
