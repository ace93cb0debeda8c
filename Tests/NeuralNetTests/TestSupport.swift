import NeuralNet
import _MPStudySupport

/// Helpers shared by the NeuralNet tests: seeded random tensors, a single-threaded context,
/// and a Double re-implementation of the layers used as the finite-difference reference.
enum TestSupport {
    /// A context that runs elementwise work on the calling thread.
    static func context(probe: any LayerProbe = NoProbe()) -> ExecutionContext {
        ExecutionContext(parallelism: ParallelChunks(threads: 1), probe: probe)
    }

    /// A tensor of `shape` with values uniform in [-scale, scale).
    static func random(_ shape: [Int], scale: Double = 1, _ g: inout SeededGenerator) -> Tensor {
        let t = Tensor(shape: shape)
        for i in 0..<t.count { t.buffer[i] = Float((2 * RandomStreams.unitInterval(&g) - 1) * scale) }
        return t
    }

    /// Row-major `a (m x k) · b (k x n)` in Double.
    static func matmul(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for p in 0..<k {
                let x = a[i * k + p]
                for j in 0..<n { c[i * n + j] += x * b[p * n + j] }
            }
        }
        return c
    }

    /// Central difference of `f` with respect to element `i` of `x`, step `h` (Double).
    static func centralDifference(_ x: inout [Double], _ i: Int, h: Double = 1e-6, _ f: ([Double]) -> Double) -> Double
    {
        let saved = x[i]
        x[i] = saved + h
        let plus = f(x)
        x[i] = saved - h
        let minus = f(x)
        x[i] = saved
        return (plus - minus) / (2 * h)
    }

    /// Stable softmax cross-entropy in Double, summed over rows then divided by the row count.
    static func meanCrossEntropy(logits z: [Double], labels: [Int32], classes k: Int) -> Double {
        let n = labels.count
        var total = 0.0
        for r in 0..<n {
            let row = Array(z[(r * k)..<(r * k + k)])
            let m = row.max()!
            let s = row.reduce(0) { $0 + exp($1 - m) }
            total += log(s) - (row[Int(labels[r])] - m)
        }
        return total / Double(n)
    }

    /// Whether `analytic` (float32) agrees with `numeric` (Double): |a − n| <= tol·(1 + |n|).
    static func close(_ analytic: Float, _ numeric: Double, tolerance: Double) -> Bool {
        abs(Double(analytic) - numeric) <= tolerance * (1 + abs(numeric))
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
