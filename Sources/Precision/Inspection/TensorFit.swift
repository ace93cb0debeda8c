//===--- TensorFit.swift --------------------------------------------------===//
//
// How one tensor fits one format or scheme: the counts and errors of rounding it there.
//
//===----------------------------------------------------------------------===//

/// What rounding one tensor to one target did (``TensorInspector``). Counts are of elements;
/// errors are relative, |r - x| / |x| over the finite nonzero x with a finite r, in units of
/// the target element's u = 2^-p.
public struct TensorFit: Sendable, Equatable, Codable {
    /// Elements.
    public var count: UInt64 = 0
    /// x NaN or infinite (not rounded).
    public var nan: UInt64 = 0
    public var infinite: UInt64 = 0
    /// Finite x that overflowed to infinity (IEEE formats) or saturated to ±max (OCP formats,
    /// and the elements of MX and NVFP4 blocks).
    public var overflow: UInt64 = 0
    /// Finite nonzero x that became zero.
    public var flushed: UInt64 = 0
    /// x whose rounding is a nonzero subnormal of the element format.
    public var subnormal: UInt64 = 0
    /// Elements behind the error figures.
    public var errorCount: UInt64 = 0
    /// Mean and largest relative error, in units of u.
    public var meanErrorU: Double = 0
    public var maxErrorU: Double = 0
    /// The exponent histogram of the values the element format receives (x itself, or x over
    /// its block scale for MX and NVFP4), bins as ``ExponentHistogram``.
    public var histogram = ExponentHistogram()
    /// The range the histogram is read against.
    public var range: FormatExtent
    /// Whether the histogram counts x over its block scale (MX and NVFP4) rather than x.
    public var blockScaled = false
    /// Whether values beyond the range saturate to ±max (the OCP FP8/FP6/FP4 elements, also in
    /// MX and NVFP4 blocks) rather than overflow to infinity (half, bfloat16, float32).
    public var saturates = false
    /// The largest finite |x| of the tensor.
    public var amax: Float = 0
    /// The best power-of-two per-tensor scale and its outcome; nil for float32, the block
    /// schemes, and tensors without a finite nonzero value.
    public var scale: PowerOfTwoScale?

    public init(range: FormatExtent) { self.range = range }

    /// Elements that are zero (in the tensor: the histogram's zero bin of a block scheme also
    /// holds what a zero block scale made zero).
    public var zeros: UInt64 = 0

    /// Finite nonzero elements: the denominator of the overflow, flush and subnormal shares.
    public var finiteNonzero: UInt64 { count - nan - infinite - zeros }

    /// Flushes the best scale removes (negative when it must scale down and flushes more).
    public var flushesFixed: Int64? { scale.map { Int64(flushed) - Int64($0.flushed) } }
}
