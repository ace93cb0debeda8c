//===--- StepProfiler.swift -----------------------------------------------===//
//
// Where the time of a training step goes: GEMM against everything else.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The parts of a training or evaluation step that are timed separately.
///
/// The first cases are the training itself (what `mpstudy train` does); the last six are what
/// analysis adds (``isAnalysis``), so `--profile` can say what the analysis costs, part by part.
public enum ProfiledWork: Int, CaseIterable, Sendable, CustomStringConvertible {
    /// Matrix products (the sgemm of a ``GEMMLibrary``).
    case gemm
    /// Bias add and activation (fused bias+ReLU, or bias alone), forward.
    case biasActivation
    /// Softmax, cross-entropy, accuracy and the loss gradient.
    case softmaxLoss
    /// ReLU backward mask on the incoming gradient.
    case activationBackward
    /// Column sums of the pre-activation gradient (bias gradients).
    case biasGradient
    /// RMSprop: velocity and weight updates.
    case optimizer
    /// Gathering the shuffled batch and scaling pixels by 1/255.
    case batchGather
    /// Rounding tensors to the compute format (the casts of the policy, no statistics).
    case rounding
    /// Unscaling gradients and checking them for non-finite values (loss scaling).
    case lossScaling
    /// Analysis: rounding passes that also count the rounding statistics (overflow, flushes,
    /// error, histogram, the unscaled counterfactual); they replace the plain casts.
    case roundingStatistics
    /// Analysis: the lost-update counts of the weight updates.
    case updateStatistics
    /// Analysis: the float32 shadow forward pass and the drift of each layer against it.
    case shadow
    /// Analysis: time inside probes (merging the events into records).
    case probe
    /// Analysis: the GEMM error budget (sampled exact dot products).
    case errorBudget
    /// Analysis: a recipe's operands quantised under the other scaling, for statistics.
    case counterfactual

    /// Whether this is work the analysis adds to training.
    public var isAnalysis: Bool {
        switch self {
        case .roundingStatistics, .updateStatistics, .shadow, .probe, .errorBudget, .counterfactual: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .gemm: "GEMM (sgemm)"
        case .biasActivation: "bias + activation"
        case .softmaxLoss: "softmax + cross-entropy"
        case .activationBackward: "ReLU backward mask"
        case .biasGradient: "bias gradients"
        case .optimizer: "RMSprop update"
        case .batchGather: "batch gather + /255"
        case .rounding: "rounding (casts)"
        case .lossScaling: "unscaling + finiteness"
        case .roundingStatistics: "rounding + statistics"
        case .updateStatistics: "lost-update counts"
        case .shadow: "float32 shadow + drift"
        case .probe: "probe bookkeeping"
        case .errorBudget: "GEMM error budget"
        case .counterfactual: "counterfactual scaling"
        }
    }
}

/// Accumulates wall time per ``ProfiledWork`` and the floating-point operations done by GEMM.
///
/// Always on: reading the monotonic clock costs tens of nanoseconds and a step calls it a few
/// dozen times, against seconds of matrix products. Not thread-safe; owned by one trainer.
public final class StepProfiler {
    /// Nanoseconds accumulated per kind of work, indexed by `ProfiledWork.rawValue`.
    public private(set) var nanoseconds: [UInt64] = Array(repeating: 0, count: ProfiledWork.allCases.count)
    /// Floating-point operations of the GEMM calls (2·m·n·k each).
    public private(set) var gemmFlops: Double = 0

    public init() {}

    /// Monotonic time in nanoseconds.
    @inline(__always)
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    /// Runs `body`, adding its wall time to `work`.
    @inline(__always)
    public func measure<T>(_ work: ProfiledWork, _ body: () throws -> T) rethrows -> T {
        let start = StepProfiler.now()
        defer { nanoseconds[work.rawValue] &+= StepProfiler.now() &- start }
        return try body()
    }

    /// Records GEMM work done elsewhere (used by ``GEMM``).
    public func addGEMM(nanoseconds ns: UInt64, flops: Double) {
        nanoseconds[ProfiledWork.gemm.rawValue] &+= ns
        gemmFlops += flops
    }

    /// Seconds spent in `work`.
    public func seconds(_ work: ProfiledWork) -> Double { Double(nanoseconds[work.rawValue]) / 1e9 }

    /// A copy of the current totals, to subtract later.
    public func snapshot() -> ProfileSnapshot { ProfileSnapshot(nanoseconds: nanoseconds, gemmFlops: gemmFlops) }
}

/// Totals of a ``StepProfiler`` at one moment; the difference of two is the work in between.
public struct ProfileSnapshot: Sendable {
    public var nanoseconds: [UInt64]
    public var gemmFlops: Double

    /// Zero totals.
    public static var zero: ProfileSnapshot {
        ProfileSnapshot(nanoseconds: Array(repeating: 0, count: ProfiledWork.allCases.count), gemmFlops: 0)
    }

    /// The work between `earlier` and `self`.
    public func subtracting(_ earlier: ProfileSnapshot) -> ProfileSnapshot {
        ProfileSnapshot(
            nanoseconds: zip(nanoseconds, earlier.nanoseconds).map { $0 &- $1 },
            gemmFlops: gemmFlops - earlier.gemmFlops)
    }

    /// Seconds spent in `work`.
    public func seconds(_ work: ProfiledWork) -> Double { Double(nanoseconds[work.rawValue]) / 1e9 }
}
