//===--- TensorCensus.swift -----------------------------------------------===//
//
// What a tensor holds before any rounding: its largest finite magnitude and its zeros.
//
//===----------------------------------------------------------------------===//

/// One pass over a tensor's float32 values, shared by all the targets it is inspected against:
/// amax decides the power-of-two scale, and the zeros are those of the tensor itself (a block
/// scheme's histogram also counts as zero the elements a zero block scale wiped out).
public struct TensorCensus: Sendable, Equatable {
    /// The largest finite |x| (0 without finite values).
    public var amax: Float = 0
    /// Elements equal to ±0.
    public var zeros: UInt64 = 0

    public init(_ values: UnsafeBufferPointer<Float>) {
        var best: Float = 0
        var zeros = 0
        for v in values {
            let a = abs(v)
            if a.isFinite && a > best { best = a }
            if a == 0 { zeros += 1 }
        }
        self.amax = best
        self.zeros = UInt64(zeros)
    }
}
