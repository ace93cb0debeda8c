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
            let s = record.statistics
            let unit = Double(sign: .plus, exponent: format.precision, significand: 1)
            fit.count = s.count
            fit.nan = s.nan
            fit.infinite = s.infinite
            fit.overflow = s.overflow
            fit.flushed = s.underflow
            fit.subnormal = s.subnormal
            fit.errorCount = s.errorCount
            fit.meanErrorU = s.meanRelativeError * unit
            fit.maxErrorU = s.errorMax * unit
            fit.histogram = s.histogram
            if let k {
                var scale = PowerOfTwoScale(exponent: k)
                scale.overflow = record.counterfactual.overflow
                scale.flushed = record.counterfactual.underflow
                scale.subnormal = record.counterfactual.subnormal
                fit.scale = scale
            }
        case .element(let element):
            fit.saturates = true
            let quantizer = ScaledQuantizer(.tensor(element: element, scale: 1), kernels: kernels)
            var s = ScaledStatistics()
            try quantizer.quantize(values, rows: 1, columns: values.count, axis: .rows, into: nil, statistics: &s)
            fit.absorb(s)
            if let k {
                // At 2^0 the counts are those just taken: no second pass.
                var scaled = s
                let power = PowerOfTwoScale(exponent: k)
                if k != 0 {
                    scaled = ScaledStatistics()
                    try ScaledQuantizer(.tensor(element: element, scale: power.scale), kernels: kernels).quantize(
                        values, rows: 1, columns: values.count, axis: .rows, into: nil, statistics: &scaled)
                }
                var scale = power
                scale.overflow = scaled.saturated
                scale.flushed = scaled.flushed
                scale.subnormal = scaled.subnormal
                fit.scale = scale
            }
        case .runtime(let format):
            fit.saturates = !format.hasInfinities
            guard let base = values.baseAddress, !values.isEmpty else { return fit }
            let element = fit.range.kernelElementRoundedDown
            if format.hasInfinities {
                fit.absorbIEEE(base, count: values.count, element, precision: format.precision, scaleExponent: k)
            } else {
                fit.absorb(Self.saturated(base, count: values.count, element, scale: 1))
                if let k {
                    let power = PowerOfTwoScale(exponent: k)
                    let scaled = k == 0 ? nil : Self.saturated(base, count: values.count, element, scale: power.scale)
                    var scale = power
                    scale.overflow = scaled?.saturated ?? fit.overflow
                    scale.flushed = scaled?.flushed ?? fit.flushed
                    scale.subnormal = scaled?.subnormal ?? fit.subnormal
                    fit.scale = scale
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
        if var scale = power {
            scale.overflow = counts.overflow
            scale.flushed = counts.underflow
            scale.subnormal = counts.subnormal
            self.scale = scale
        }
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
