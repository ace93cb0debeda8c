import CMPFR

/// An owned MPFR variable (`mpfr_t`) with a stable address.
///
/// `mpfr_t` is a one-element array of `__mpfr_struct` that MPFR functions take by pointer, so
/// the struct must not move while MPFR uses it: a Swift stored property or a local that is
/// captured by a closure can move. This class allocates the struct once on the heap,
/// initialises it with `mpfr_init2` and releases it with `mpfr_clear` in `deinit`.
///
/// Changing the precision with ``setPrecision(_:)`` does not reallocate while the new
/// precision fits the limbs already allocated, so a value created with the widest precision
/// it will ever need can be reused for every call without touching the allocator.
/// Not thread-safe: an instance belongs to one thread at a time.
public final class MPFRValue {
    /// The MPFR variable, for passing to MPFR functions (`mpfr_ptr` / `mpfr_srcptr`).
    ///
    /// Valid only while this value lives: an optimised build ends a local's lifetime at its
    /// last use, which can be the read of `pointer` itself, before the MPFR call runs. Keep a
    /// local alive across such calls (`withExtendedLifetime`, or `defer { withExtendedLifetime(x) {} }`);
    /// stored properties of a live owner are safe.
    public let pointer: UnsafeMutablePointer<__mpfr_struct>

    /// A new variable of `precision` bits, initially NaN (MPFR's convention).
    public init(precision: Int) {
        precondition(precision >= Int(MPFR_PREC_MIN) && precision <= 1 << 20,
                     "MPFR precision \(precision) out of the supported range")
        pointer = .allocate(capacity: 1)
        mpfr_init2(pointer, precision)
    }

    deinit {
        mpfr_clear(pointer)
        pointer.deallocate()
    }

    /// The precision in bits.
    public var precision: Int { mpfr_get_prec(pointer) }

    /// Sets the precision to `precision` bits; the value becomes NaN.
    @inline(__always)
    public func setPrecision(_ precision: Int) {
        mpfr_set_prec(pointer, precision)
    }

    /// True for NaN.
    public var isNaN: Bool { mpfr_nan_p(pointer) != 0 }
    /// True for ±infinity.
    public var isInfinite: Bool { mpfr_inf_p(pointer) != 0 }
    /// True for ±0.
    public var isZero: Bool { mpfr_zero_p(pointer) != 0 }
    /// True for a finite nonzero value (MPFR's "regular" number).
    public var isRegular: Bool { mpfr_regular_p(pointer) != 0 }
    /// True if the sign bit is set (also for -0 and -inf).
    public var isNegative: Bool { mpfr_signbit(pointer) != 0 }
    /// For a regular value, the exponent e with |x| in [2^(e-1), 2^e) (MPFR's convention:
    /// the significand is in [1/2, 1)). One more than the IEEE exponent.
    public var exponent: Int { mpfr_get_exp(pointer) }
    /// For a regular value, the number of significant bits of the significand
    /// (1 for a power of two).
    public var significantBits: Int { mpfr_min_prec(pointer) }

    /// Sets the value to `Double` `value` rounded to this precision; returns the ternary value.
    @discardableResult
    public func set(_ value: Double, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        mpfr_set_d(pointer, value, rounding)
    }

    /// The value rounded to a `Double` (for diagnostics and tests).
    public func doubleValue(rounding: mpfr_rnd_t = MPFR_RNDN) -> Double {
        mpfr_get_d(pointer, rounding)
    }
}
