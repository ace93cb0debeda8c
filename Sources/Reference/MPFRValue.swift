import CMPFR

/// An owned MPFR variable (`mpfr_t`) with a stable address, used only through its methods.
///
/// `mpfr_t` is a one-element array of `__mpfr_struct` that MPFR functions take by pointer, so
/// the struct must not move while MPFR uses it: a Swift stored property or a local that is
/// captured by a closure can move. This class allocates the struct once on the heap,
/// initialises it with `mpfr_init2` and releases it with `mpfr_clear` in `deinit`.
///
/// The variable's address never leaves Reference. An optimised build ends a local's lifetime
/// at its last use, which can be the read of the address, before the MPFR call that uses it
/// runs; so every MPFR call goes through ``withUnsafeMPFR(_:)`` (and its overloads for
/// several operands), which keeps every value involved alive until the call returns. A
/// caller outside Reference sees only methods (`x.add(a, b)`, `x.squareRoot(a)`,
/// `x.set(parsing:)`, ...) and cannot break that rule.
///
/// Changing the precision with ``setPrecision(_:)`` does not reallocate while the new
/// precision fits the limbs already allocated, so a value created with the widest precision
/// it will ever need can be reused for every call without touching the allocator; no method
/// allocates (except ``significantDigits(_:rounding:)``, which builds a string).
/// Not thread-safe: an instance belongs to one thread at a time.
public final class MPFRValue {
    /// The MPFR variable. Private: reach it only through `withUnsafeMPFR`.
    private let storage: UnsafeMutablePointer<__mpfr_struct>

    /// A new variable of `precision` bits, initially NaN (MPFR's convention).
    public init(precision: Int) {
        precondition(
            precision >= Int(MPFR_PREC_MIN) && precision <= 1 << 20,
            "MPFR precision \(precision) out of the supported range")
        storage = .allocate(capacity: 1)
        mpfr_init2(storage, precision)
    }

    deinit {
        mpfr_clear(storage)
        storage.deallocate()
    }

    /// Runs `body` with this value's MPFR variable, keeping the value alive until `body`
    /// returns. The pointer is valid only inside `body`; never store it.
    @inline(__always)
    func withUnsafeMPFR<Result>(_ body: (mpfr_ptr) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(storage) }
    }

    /// Runs `body` with the variables of this value and of `a`, all alive until it returns.
    @inline(__always)
    func withUnsafeMPFR<Result>(_ a: MPFRValue, _ body: (mpfr_ptr, mpfr_ptr) -> Result) -> Result {
        withUnsafeMPFR { r in a.withUnsafeMPFR { x in body(r, x) } }
    }

    /// Runs `body` with the variables of this value, `a` and `b`, all alive until it returns.
    @inline(__always)
    func withUnsafeMPFR<Result>(
        _ a: MPFRValue, _ b: MPFRValue,
        _ body: (mpfr_ptr, mpfr_ptr, mpfr_ptr) -> Result
    ) -> Result {
        withUnsafeMPFR(a) { r, x in b.withUnsafeMPFR { y in body(r, x, y) } }
    }

    /// Runs `body` with the variables of this value, `a`, `b` and `c`, all alive until it returns.
    @inline(__always)
    func withUnsafeMPFR<Result>(
        _ a: MPFRValue, _ b: MPFRValue, _ c: MPFRValue,
        _ body: (mpfr_ptr, mpfr_ptr, mpfr_ptr, mpfr_ptr) -> Result
    ) -> Result {
        withUnsafeMPFR(a, b) { r, x, y in c.withUnsafeMPFR { z in body(r, x, y, z) } }
    }

    /// The precision in bits.
    public var precision: Int { withUnsafeMPFR { mpfr_get_prec($0) } }

    /// Sets the precision to `precision` bits; the value becomes NaN.
    @inline(__always)
    public func setPrecision(_ precision: Int) {
        withUnsafeMPFR { mpfr_set_prec($0, precision) }
    }

    /// True for NaN.
    public var isNaN: Bool { withUnsafeMPFR { mpfr_nan_p($0) != 0 } }
    /// True for ±infinity.
    public var isInfinite: Bool { withUnsafeMPFR { mpfr_inf_p($0) != 0 } }
    /// True for ±0.
    public var isZero: Bool { withUnsafeMPFR { mpfr_zero_p($0) != 0 } }
    /// True for a finite nonzero value (MPFR's "regular" number).
    public var isRegular: Bool { withUnsafeMPFR { mpfr_regular_p($0) != 0 } }
    /// True if the sign bit is set (also for -0 and -inf).
    public var isNegative: Bool { withUnsafeMPFR { mpfr_signbit($0) != 0 } }
    /// True for a finite value that is an integer (zeros included).
    public var isInteger: Bool { withUnsafeMPFR { mpfr_integer_p($0) != 0 } }
    /// For a regular value, the exponent e with |x| in [2^(e-1), 2^e) (MPFR's convention:
    /// the significand is in [1/2, 1)). One more than the IEEE exponent.
    public var exponent: Int { withUnsafeMPFR { mpfr_get_exp($0) } }
    /// For a regular value, the number of significant bits of the significand
    /// (1 for a power of two).
    public var significantBits: Int { withUnsafeMPFR { mpfr_min_prec($0) } }

    /// The value rounded to a `Double` (for diagnostics and tests).
    public func doubleValue(rounding: mpfr_rnd_t = MPFR_RNDN) -> Double {
        withUnsafeMPFR { mpfr_get_d($0, rounding) }
    }

    /// The value rounded to an unsigned 64-bit integer (`mpfr_get_uj`); for a value already
    /// integral and in range, exactly it.
    public func uint64Value(rounding: mpfr_rnd_t = MPFR_RNDN) -> UInt64 {
        withUnsafeMPFR { UInt64(__gmpfr_mpfr_get_uj($0, rounding)) }
    }
}
