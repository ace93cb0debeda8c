import CMPFR
import SoftFloat

/// MPFR's exponent range (`emin`, `emax`), which is per-thread state in MPFR.
///
/// MPFR stores a regular number as m * 2^e with m in [1/2, 1) and requires
/// emin <= e <= emax. To emulate an IEEE format with precision p and exponent width w
/// (IEEE emin = 3 - 2^(w-1)... see ``init(emulating:)``), the range is narrowed to the
/// format's, the result is computed into a p-bit variable, and `mpfr_check_range` and
/// `mpfr_subnormalize` finish the rounding.
///
/// The range belongs to the calling thread (Debian's MPFR is built with TLS). Set it and
/// use it inside one synchronous function: never across an `await`. ``preserving(_:)``
/// restores the caller's range with `defer`, so the oracle leaves the thread as it found it.
public struct ExponentRange: Equatable, Sendable {
    /// The smallest allowed MPFR exponent.
    public var emin: Int
    /// The largest allowed MPFR exponent.
    public var emax: Int

    /// A range from explicit MPFR exponents.
    public init(emin: Int, emax: Int) {
        self.emin = emin
        self.emax = emax
    }

    /// The range that makes MPFR behave like `Format` together with `mpfr_subnormalize`.
    ///
    /// - emax = bias + 1 = 2^(w-1): the largest finite (2 - 2^(1-p)) * 2^bias is
    ///   0.11..1 * 2^(bias+1).
    /// - emin = IEEE emin - p + 2 = 4 - 2^(w-1) - p: the smallest subnormal
    ///   2^(1 - bias - (p-1)) = 2^(3 - 2^(w-1) - p) is 0.1 * 2^(4 - 2^(w-1) - p).
    ///
    /// binary16: emin -23, emax 16; binary32: -148, 128; binary64: -1073, 1024 (the values
    /// of MPFR's manual). Note that `3 - 2^(w-1) - p`, the exponent of the smallest
    /// subnormal in IEEE terms, is one too low: it would let MPFR keep half the smallest
    /// subnormal, and `mpfr_subnormalize` would keep one bit too many in the subnormal range.
    public init<Format: BinaryFormat>(emulating _: Format.Type) {
        self.init(
            emulatingPrecision: Format.precision, exponentBitCount: Format.exponentBitCount,
            hasInfinities: Format.hasInfinities)
    }

    /// The range for a format of precision `p` and exponent width `w` (see ``init(emulating:)``).
    ///
    /// A format without infinities (OCP E4M3) uses its top exponent field for finite numbers,
    /// so its emax is bias + 1 and MPFR's emax one more: 9 for E4M3 (largest 448 =
    /// 0.111 * 2^9). MPFR can then also hold 480 = 0.1111 * 2^9, the NaN encoding, which the
    /// oracle treats as an overflow before MPFR's range is installed.
    public init(emulatingPrecision p: Int, exponentBitCount w: Int, hasInfinities: Bool = true) {
        let half = 1 << (w - 1)
        self.init(emin: 4 - half - p, emax: half + (hasInfinities ? 0 : 1))
    }

    /// The widest range MPFR supports: rounding in it is rounding with an unbounded exponent
    /// range for any format of at most 64 bits.
    public static var widest: ExponentRange {
        ExponentRange(emin: mpfr_get_emin_min(), emax: mpfr_get_emax_max())
    }

    /// The calling thread's current range.
    public static var current: ExponentRange {
        ExponentRange(emin: mpfr_get_emin(), emax: mpfr_get_emax())
    }

    /// Makes this the calling thread's range.
    ///
    /// The setters are called outside any `precondition` (whose body `-Ounchecked` removes).
    @inline(__always)
    public func install() {
        let failedMin = mpfr_set_emin(emin)
        let failedMax = mpfr_set_emax(emax)
        precondition(failedMin == 0 && failedMax == 0, "MPFR refused exponent range \(emin)...\(emax)")
    }

    /// Runs `body` and then restores the calling thread's exponent range, whatever `body`
    /// installed meanwhile.
    @inline(__always)
    public static func preserving<Result>(_ body: () throws -> Result) rethrows -> Result {
        let saved = current
        defer { saved.install() }
        return try body()
    }

    /// Runs `body` with this range installed, then restores the previous one.
    @inline(__always)
    public func installed<Result>(_ body: () throws -> Result) rethrows -> Result {
        try Self.preserving {
            install()
            return try body()
        }
    }
}
