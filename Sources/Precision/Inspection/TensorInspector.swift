//===--- TensorInspector.swift --------------------------------------------===//
//
// Rounds one stored tensor to one target with the existing kernels and collects its fit.
//
//===----------------------------------------------------------------------===//

import CKernels
import SoftFloat

/// Measures a tensor against a target, on one thread, with the kernels analyze and verify use
/// (no rounding code of its own): ``TensorRounder`` (statistics only, and in the same pass
/// the counts at the best power-of-two scale) for half, bfloat16 and float32;
/// ``ScaledQuantizer`` at scale 1 and again at the best scale for the FP8/FP6/FP4 element
/// formats; ``ScaledQuantizer`` with the scheme for MX and NVFP4.
///
/// Block schemes need a matrix: the tensor is read as rows of its last dimension (a vector or
/// scalar is one row), blocks running along the rows, as a weight [out, in] is blocked along
/// its reduction dimension. When the row length is not a multiple of the block size, each row
/// is padded with zeros to the next multiple, and the padding is taken out of the counts
/// again (zeros change neither a block's amax nor any error).
public struct TensorInspector: Sendable {
    public let kernels: RoundingKernels

    public init(kernels: RoundingKernels = .widest) {
        self.kernels = kernels
    }

    /// The fit of `values` (row-major, `shape` outermost first) to `target`; `census` is
    /// ``TensorCensus/init(_:)`` of the values, taken once per tensor by the caller.
    public func fit(
        _ values: UnsafeBufferPointer<Float>, shape: [Int], census: TensorCensus, target: InspectionTarget
    ) throws(ScaledQuantizer.SchemeError) -> TensorFit {
        var fit = TensorFit(range: target.range)
        fit.amax = census.amax
        fit.zeros = census.zeros
        let amax = census.amax
        let k = target.takesTensorScale ? PowerOfTwoScale.exponent(amax: amax, in: fit.range) : nil
        switch target {
        case .compute(let format):
            guard let base = values.baseAddress, !values.isEmpty else { return fit }
            var record = RoundingRecord(counterfactualScale: k.map { PowerOfTwoScale(exponent: $0).scale })
            TensorRounder(threads: 1, kernels: kernels).round(
                base, count: values.count, to: format, into: nil, recording: &record)
            fit.absorb(record.statistics, precision: format.precision)
            if let k { fit.scale = PowerOfTwoScale(exponent: k, counts: record.counterfactual) }
        case .element(let element):
            fit.saturates = true
            try fit.absorbSaturating(scaleExponent: k) { scale throws(ScaledQuantizer.SchemeError) in
                var s = ScaledStatistics()
                try ScaledQuantizer(.tensor(element: element, scale: scale), kernels: kernels).quantize(
                    values, rows: 1, columns: values.count, axis: .rows, into: nil, statistics: &s)
                return s
            }
        case .runtime(let format):
            fit.saturates = !format.hasInfinities
            guard let base = values.baseAddress, !values.isEmpty else { return fit }
            let element = fit.range.kernelElementRoundedDown
            if format.hasInfinities {
                fit.absorbIEEE(base, count: values.count, element, precision: format.precision, scaleExponent: k)
            } else {
                fit.absorbSaturating(scaleExponent: k) { scale in
                    Self.saturated(base, count: values.count, element, scale: scale)
                }
            }
        case .scheme(let scheme):
            fit.saturates = true
            fit.blockScaled = true
            let size = scheme.blockSize ?? 1
            let columns = shape.count >= 1 ? shape[shape.count - 1] : values.count
            guard columns > 0, !values.isEmpty else { return fit }
            let rows = values.count / columns
            let padded = (columns + size - 1) / size * size
            var s = ScaledStatistics()
            let quantizer = ScaledQuantizer(scheme, kernels: kernels)
            if padded == columns {
                try quantizer.quantize(values, rows: rows, columns: columns, axis: .rows, into: nil, statistics: &s)
            } else {
                var copy = [Float](repeating: 0, count: rows * padded)
                for r in 0..<rows {
                    for c in 0..<columns { copy[r * padded + c] = values[r * columns + c] }
                }
                _ = try copy.withUnsafeBufferPointer {
                    (x: UnsafeBufferPointer<Float>) throws(ScaledQuantizer.SchemeError) in
                    try quantizer.quantize(x, rows: rows, columns: padded, axis: .rows, into: nil, statistics: &s)
                }
                // The padding zeros: counted as elements and as zeros in the histogram, nothing else.
                let padding = UInt64(rows * (padded - columns))
                s.count -= padding
                s.histogram[ExponentHistogram.zeroBin] -= padding
            }
            fit.absorb(s)
        }
        return fit
    }
}

extension TensorInspector {
    /// The per-tensor saturating kernel (portable) at `scale`, with any element format.
    static func saturated(
        _ x: UnsafePointer<Float>, count: Int, _ element: ck_element, scale: Float
    ) -> ScaledStatistics {
        var stats = ck_scaled_stats()
        ck_quantize_tensor_portable(x, nil, count, element, scale, 1 / scale, &stats)
        return ScaledStatistics(stats)
    }
}

extension TensorFit {
    /// Rounds `x` with IEEE overflow (`ck_round_element_portable`) and takes the counts as the
    /// half and bfloat16 kernels give them, the errors in units of u = 2^-precision; with
    /// `scaleExponent`, the counts at that power-of-two scale in the same pass.
    mutating func absorbIEEE(
        _ x: UnsafePointer<Float>, count n: Int, _ element: ck_element, precision: Int, scaleExponent k: Int?
    ) {
        var stats = ck_round_stats()
        var counts = ck_scaled_counts()
        let power = k.map { PowerOfTwoScale(exponent: $0) }
        withUnsafeMutablePointer(to: &counts) { c in
            ck_round_element_portable(x, nil, n, element, &stats, power?.scale ?? 1, power == nil ? nil : c)
        }
        var s = RoundingStatistics()
        s.absorb(stats)
        absorb(s, precision: precision)
        if let power {
            var scaled = ScaledCounts()
            scaled.absorb(counts)
            scale = PowerOfTwoScale(exponent: power.exponent, counts: scaled)
        }
    }

    /// Takes the counts of a rounding to an IEEE format of precision p (errors from relative
    /// to units of u = 2^-p): what the compute formats' kernels and the IEEE-like runtime
    /// formats' portable kernel both report.
    mutating func absorb(_ s: RoundingStatistics, precision: Int) {
        let unit = Double(sign: .plus, exponent: precision, significand: 1)
        count = s.count
        nan = s.nan
        infinite = s.infinite
        overflow = s.overflow
        flushed = s.underflow
        subnormal = s.subnormal
        errorCount = s.errorCount
        meanErrorU = s.meanRelativeError * unit
        maxErrorU = s.errorMax * unit
        histogram = s.histogram
    }

    /// Takes the counts of a saturating per-tensor quantisation at scale 1 (`quantize(1)`) and,
    /// with `scaleExponent` k, those at 2^k (a second pass unless k = 0, where they are the same).
    mutating func absorbSaturating<E: Error>(
        scaleExponent k: Int?, _ quantize: (Float) throws(E) -> ScaledStatistics
    ) throws(E) {
        let s = try quantize(1)
        absorb(s)
        guard let k else { return }
        let power = PowerOfTwoScale(exponent: k)
        let scaled = k == 0 ? s : try quantize(power.scale)
        var result = power
        result.overflow = scaled.saturated
        result.flushed = scaled.flushed
        result.subnormal = scaled.subnormal
        scale = result
    }

    /// Takes the counts of a scaled quantisation (errors already in units of u).
    mutating func absorb(_ s: ScaledStatistics) {
        count = s.count
        nan = s.nan
        infinite = s.infinite
        overflow = s.saturated
        flushed = s.flushed
        subnormal = s.subnormal
        errorCount = s.errorCount
        meanErrorU = s.meanError
        maxErrorU = s.errorMax
        for i in 0..<ExponentHistogram.binCount { histogram.bins[i] = s.histogram[i] }
    }
}
