//===--- FMAPeak.swift ----------------------------------------------------===//
//
// The machine's floating-point peak, measured: a register-only FMA loop on every thread.
//
//===----------------------------------------------------------------------===//

import CKernels
import Dispatch

/// The single-precision multiply-add peak of the cores a run uses, measured with a short
/// register-only loop (CKernels' `ck_fma_loop_*`: twelve independent FMA chains, no memory
/// traffic) on every thread at once.
///
/// Why measured and not computed from a data sheet: the clock under an AVX-512 load, the
/// number of FMA pipes (one or two 512-bit units on Xeons; Zen 4 runs 512-bit FMAs on two
/// 256-bit pipes) and what a virtual machine gives are not knowable from CPUID. The loop
/// measures what the cores actually do, and GEMM cannot beat it: it is the floor a training
/// step is compared with (``ProfileReport``).
///
/// The instruction set is chosen at run time from CPUID (``CPUFeatures``): AVX-512 when the
/// CPU has AVX-512 F, else AVX2 with FMA, else SSE2 multiplies and adds (baseline x86-64).
/// All threads run the loop together (so cores that share FMA units, or hyperthreads, are
/// measured as they are used); a round's figure is all the flops over the time of its
/// slowest thread, and the peak is the best of many short rounds (25 of about 6 ms): on a
/// machine that other jobs share, a short round often runs undisturbed, and the least
/// disturbed round is the closest to what the cores can do (the steps themselves still pay
/// for the sharing, so `step / floor` then grows with the load).
public struct FMAPeak: Sendable {
    /// The loop variants.
    public enum InstructionSet: String, Sendable {
        case avx512 = "AVX-512 FMA"
        case avx2 = "AVX2 FMA"
        case sse2 = "SSE2 mul+add"

        /// Floating-point operations per loop iteration (see ckernels.h).
        public var flopsPerIteration: Double {
            switch self {
            case .avx512: 384
            case .avx2: 192
            case .sse2: 96
            }
        }

        /// The widest variant `features` can run; nil off x86-64.
        public static func widest(for features: CPUFeatures) -> InstructionSet? {
            #if arch(x86_64)
                if features.contains(.avx512f) { return .avx512 }
                if features.isSuperset(of: .avx2FMA) { return .avx2 }
                return .sse2
            #else
                return nil
            #endif
        }

        func run(iterations: UInt64) {
            switch self {
            case .avx512: ck_fma_loop_avx512(iterations)
            case .avx2: ck_fma_loop_avx2(iterations)
            case .sse2: ck_fma_loop_sse2(iterations)
            }
        }
    }

    /// The loop that ran.
    public let instructionSet: InstructionSet
    /// Threads that ran it together.
    public let threads: Int
    /// Best round: floating-point operations per second of all threads together, in GFLOP/s.
    public let gflops: Double
    /// Rounds run.
    public let rounds: Int

    /// A peak measured elsewhere (or given, in tests).
    public init(instructionSet: InstructionSet, threads: Int, gflops: Double, rounds: Int) {
        self.instructionSet = instructionSet
        self.threads = threads
        self.gflops = gflops
        self.rounds = rounds
    }

    /// Seconds `flops` floating-point operations take at the peak.
    public func seconds(flops: Double) -> Double { flops / (gflops * 1e9) }

    /// One line, e.g. `251.3 GFLOP/s (AVX-512 FMA loop, 2 threads, best of 25 rounds)`.
    public var description: String {
        "\(KerasFormat.fixed(gflops, decimals: 1)) GFLOP/s (\(instructionSet.rawValue) loop, \(threads) thread"
            + (threads == 1 ? "" : "s") + ", best of \(rounds) rounds)"
    }

    /// Measures the peak of `threads` threads: `rounds` rounds of about `secondsPerRound`
    /// each (the iteration count is calibrated on one thread first). Nil off x86-64.
    public static func measure(threads: Int, rounds: Int = 25, secondsPerRound: Double = 0.006) -> FMAPeak? {
        precondition(threads >= 1 && rounds >= 1 && secondsPerRound > 0)
        guard let set = InstructionSet.widest(for: .current) else { return nil }
        // Calibrate: double the iterations until one run takes a millisecond or more.
        var iterations: UInt64 = 1 << 12
        var seconds = 0.0
        while true {
            let start = StepProfiler.now()
            set.run(iterations: iterations)
            seconds = Double(StepProfiler.now() &- start) / 1e9
            if seconds >= 1e-3 || iterations >= 1 << 40 { break }
            iterations *= 2
        }
        let count = max(1, UInt64(Double(iterations) * secondsPerRound / seconds))
        let flops = set.flopsPerIteration * Double(count) * Double(threads)
        var best = 0.0
        for _ in 0..<rounds {
            let start = StepProfiler.now()
            if threads == 1 {
                set.run(iterations: count)
            } else {
                DispatchQueue.concurrentPerform(iterations: threads) { _ in set.run(iterations: count) }
            }
            let elapsed = Double(StepProfiler.now() &- start) / 1e9
            best = max(best, flops / elapsed / 1e9)
        }
        return FMAPeak(instructionSet: set, threads: threads, gflops: best, rounds: rounds)
    }
}
