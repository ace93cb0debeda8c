import Testing
import NeuralNet
import _MPStudySupport

/// GEMM on panels: the cut follows from the shape alone, every transpose case is right
/// within float32's error bound of the exact product, and the bits do not depend on the
/// thread count.
@Suite("GEMM panels")
struct GEMMPanelTests {
    static let transposes: [(Transpose, Transpose)] = [
        (.none, .none), (.transposed, .none), (.none, .transposed),
        (.transposed, .transposed),
    ]

    /// The plans of the case study's products and of edge cases, worked out by hand from the
    /// rule (longer side; floor(extent / 1024) panels, made even; sides rounded up to 16).
    @Test func plansFollowTheRule() {
        let panels = GEMMPanels()
        func plan(_ m: Int, _ n: Int) -> (GEMMPanels.Side, Int, Int) {
            let p = panels.plan(rows: m, columns: n)
            return (p.side, p.size, p.count)
        }
        // Batch 8192 x 4096 units: 8 panels of 1024 rows.
        #expect(plan(8192, 4096) == (.rows, 1024, 8))
        // The last batch of an epoch, 7040 rows: 6 panels (7040 / 1024 = 6.9, floored);
        // 7040 / 6 = 1173.3 -> 1174 -> 1184 (a multiple of 16); 5 x 1184 + 1120.
        #expect(plan(7040, 4096) == (.rows, 1184, 6))
        // dL/dW of dense_1, 784 x 4096: the columns are cut, 4 panels of 1024.
        #expect(plan(784, 4096) == (.columns, 1024, 4))
        // Logits 8192 x 10: 8 panels of 1024 rows.
        #expect(plan(8192, 10) == (.rows, 1024, 8))
        // 3 x 1024 rows: 3 panels, made even: 2 of 1536.
        #expect(plan(3072, 5) == (.rows, 1536, 2))
        // Shorter than 2 x 1024: one panel (its side is the whole extent, not rounded up).
        #expect(plan(2047, 10) == (.rows, 2047, 1))
        #expect(plan(10, 10) == (.rows, 10, 1))
        #expect(panels.plan(rows: 0, columns: 0).count == 0)
        // Small panels: 100 rows, at least 16 each -> 6 panels of 17 -> 32: 4 panels (32, 32, 32, 4).
        let small = GEMMPanels(minimumExtent: 16).plan(rows: 100, columns: 3)
        #expect(small.side == .rows && small.extent == 100 && small.size == 32 && small.count == 4)
    }

    /// `c = alpha·op(a)·op(b) + beta·c0` against the exact product in Double, for every
    /// transpose case, cut into many panels by rows (m > n) and by columns (n > m).
    ///
    /// Error bound (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1 and
    /// 3.5): a float32 dot product of length k, in any order and with or without FMA, is off by
    /// at most γ_k·Σ|a_p·b_p| with γ_k = k·u / (1 − k·u), u = 2^-24; scaling by alpha and adding
    /// beta·c0 adds at most two more roundings, so |computed − exact| <= γ_{k+2}·(|alpha|·Σ|a_p·b_p|
    /// + |beta|·|c0|). The reference: each product of two floats is exact in Double (24 + 24 <= 53
    /// bits) and the Double sum of k + 1 terms is off by at most γ_{k+1} (u = 2^-53) times the same
    /// sum of magnitudes, which the bound adds.
    @Test(arguments: GEMMLibrary.allCases, [(37, 11, 19), (11, 37, 19), (64, 64, 1), (50, 3, 200)])
    func panelsAgreeWithTheExactProduct(library: GEMMLibrary, shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var g = SeededGenerator(seed: UInt64(m * 1000 + n * 10 + k))
        for (ta, tb) in Self.transposes {
            for (alpha, beta): (Float, Float) in [(1, 0), (-0.75, 2)] {
                let a = TestSupport.random(ta == .none ? [m, k] : [k, m], &g)
                let b = TestSupport.random(tb == .none ? [k, n] : [n, k], &g)
                let c0 = TestSupport.random([m, n], &g)
                let c = Tensor(shape: [m, n])
                c.copy(from: c0)
                GEMM.multiply(
                    a, b, into: c, transposeA: ta, transposeB: tb, alpha: alpha, beta: beta,
                    parallelism: ParallelChunks(threads: 3), panels: GEMMPanels(minimumExtent: 4), library: library)
                let gammaFloat = { (k: Int) in Double(k) * 0x1p-24 / (1 - Double(k) * 0x1p-24) }
                let gammaDouble = { (k: Int) in Double(k) * 0x1p-53 / (1 - Double(k) * 0x1p-53) }
                var worst = 0.0
                for i in 0..<m {
                    for j in 0..<n {
                        var exact = 0.0
                        var magnitude = 0.0
                        for p in 0..<k {
                            let x = Double(ta == .none ? a[i, p] : a[p, i])
                            let y = Double(tb == .none ? b[p, j] : b[j, p])
                            exact += x * y
                            magnitude += abs(x * y)
                        }
                        let scaled = Double(alpha) * exact + Double(beta) * Double(c0[i, j])
                        let size = abs(Double(alpha)) * magnitude + abs(Double(beta)) * abs(Double(c0[i, j]))
                        let bound = (gammaFloat(k + 2) + gammaDouble(k + 3)) * size
                        worst = max(worst, abs(Double(c[i, j]) - scaled) / max(bound, .leastNormalMagnitude))
                    }
                }
                #expect(
                    worst <= 1,
                    "\(library) \(m)x\(n)x\(k) \(ta) \(tb) alpha \(alpha) beta \(beta): error / bound = \(worst)")
            }
        }
    }

    /// The same product with 1, 2, 3, 4 and 8 threads, on panels of at least 16: identical
    /// bits in every transpose case, cut by rows (m > n) and by columns (n > m), with a ragged
    /// last panel, at shapes (n <= 256, k = 784) where OpenBLAS's own threading changed them;
    /// for each library (oneDNN's panels run alone on their threads: ``OneDNNRuntime``).
    @Test(arguments: GEMMLibrary.allCases, [(301, 64, 784), (64, 301, 784), (520, 10, 256)])
    func bitsDoNotDependOnTheThreadCount(library: GEMMLibrary, shape: (Int, Int, Int)) {
        let (m, n, k) = shape
        var g = SeededGenerator(seed: 9)
        let panels = GEMMPanels(minimumExtent: 16)
        #expect(panels.plan(rows: m, columns: n).count >= 4)
        for (ta, tb) in Self.transposes {
            let a = TestSupport.random(ta == .none ? [m, k] : [k, m], &g)
            let b = TestSupport.random(tb == .none ? [k, n] : [n, k], &g)
            let results = [1, 2, 3, 4, 8].map { threads in
                let c = Tensor(shape: [m, n])
                GEMM.multiply(
                    a, b, into: c, transposeA: ta, transposeB: tb, parallelism: ParallelChunks(threads: threads),
                    panels: panels, library: library)
                return c.array.map(\.bitPattern)
            }
            for bits in results.dropFirst() { #expect(bits == results[0], "\(library) \(m)x\(n)x\(k) \(ta) \(tb)") }
        }
    }
}
