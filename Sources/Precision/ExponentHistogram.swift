/// Counts of floor(log2 |x|) over float32 values x, zeros apart.
///
/// Bins follow the float32 biased exponent e of x: bin 0 holds the float32 subnormals
/// (|x| < 2^-126), bin e in 1...254 the binade [2^(e-127), 2^(e-126)), bin 255 infinities and
/// NaNs, bin 256 zeros.
public struct ExponentHistogram: Sendable, Equatable, Codable {
    public static let binCount = 257
    /// Index of the zeros' bin.
    public static let zeroBin = 256
    /// Index of the non-finite values' bin.
    public static let nonFiniteBin = 255

    public var bins = [UInt64](repeating: 0, count: binCount)

    public init() {}

    /// floor(log2 |x|) of the values in `bin` (1...254); nil for the special bins. Bin 0 (float32
    /// subnormals) is reported as -127, meaning "below 2^-126".
    public static func exponent(ofBin bin: Int) -> Int? {
        switch bin {
        case 0: -127
        case 1...254: bin - 127
        default: nil
        }
    }

    /// The count of values with floor(log2 |x|) == `exponent` (for -126...127).
    public func count(exponent: Int) -> UInt64 {
        let bin = exponent + 127
        return (1...254).contains(bin) ? bins[bin] : 0
    }

    public var zeros: UInt64 { bins[Self.zeroBin] }

    public mutating func merge(_ other: ExponentHistogram) {
        for i in 0..<Self.binCount { bins[i] += other.bins[i] }
    }
}
