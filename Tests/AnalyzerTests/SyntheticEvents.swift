import NeuralNet
import Precision

/// Hand-built precision events, as a model would send them, for the analyzer tests.
enum SyntheticEvents {
    static func position(step: Int, epoch: Int = 1, batch: Int? = nil, phase: ModelPhase = .training) -> ProbePosition {
        .synthetic(phase: phase, step: step, epoch: epoch, batch: batch ?? step - 1)
    }

    /// Statistics with the given counts; `errors` are the relative errors of the elements
    /// behind the sums; `exponents` are floor(log2 |x|) of nonzero finite elements.
    static func statistics(
        count: UInt64, overflow: UInt64 = 0, underflow: UInt64 = 0, subnormal: UInt64 = 0,
        errors: [Double] = [], exponents: [Int] = [], zeros: UInt64 = 0
    ) -> RoundingStatistics {
        var s = RoundingStatistics()
        s.count = count
        s.overflow = overflow
        s.underflow = underflow
        s.subnormal = subnormal
        s.errorCount = UInt64(errors.count)
        s.errorSum = errors.reduce(0, +)
        s.errorSquares = errors.reduce(0) { $0 + $1 * $1 }
        s.errorMax = errors.max() ?? 0
        for e in exponents { s.histogram.bins[e + 127] += 1 }
        s.histogram.bins[ExponentHistogram.zeroBin] = zeros
        return s
    }

    static func rounding(
        _ layer: String, _ kind: TensorKind, step: Int, phase: ModelPhase = .training,
        statistics: RoundingStatistics, lossScale: Float = 1, unscaled: ScaledCounts? = nil,
        shape: [Int] = [2, 2]
    ) -> RoundingEvent {
        var record = RoundingRecord(counterfactualScale: unscaled == nil ? nil : 1 / lossScale)
        record.statistics = statistics
        if let unscaled { record.counterfactual = unscaled }
        return .synthetic(
            layer: layer, kind: kind, position: position(step: step, phase: phase), format: .float16,
            shape: shape, lossScale: lossScale, record: record)
    }

    static func counts(overflow: UInt64 = 0, underflow: UInt64 = 0, subnormal: UInt64 = 0) -> ScaledCounts {
        var c = ScaledCounts()
        c.overflow = overflow
        c.underflow = underflow
        c.subnormal = subnormal
        return c
    }

    static func update(
        _ layer: String, _ kind: TensorKind, step: Int, count: UInt64, nonzero: UInt64,
        lostInFloat32: UInt64, lostInCompute: UInt64
    ) -> UpdateEvent {
        var u = UpdateStatistics()
        u.count = count
        u.nonzero = nonzero
        u.lostInFloat32 = lostInFloat32
        u.lostInCompute = lostInCompute
        return .synthetic(layer: layer, kind: kind, position: position(step: step), statistics: u)
    }

    static func step(
        _ step: Int, lossSum: Double, correct: Int, count: Int, lossScale: Float = 32768,
        skipped: Bool = false, nonFinite: Int = 0, seconds: Double = 0.5
    ) -> StepEvent {
        .synthetic(
            position: position(step: step), metrics: BatchMetrics(lossSum: lossSum, correct: correct, count: count),
            lossScale: lossScale, skipped: skipped, nonFiniteGradients: nonFinite, seconds: seconds)
    }
}
