import Testing
import NeuralNet
import _MPStudySupport

/// Each library's sgemm with each transpose combination against a naive Double product.
@Suite("GEMM")
struct GEMMTests {
    @Test(
        arguments: GEMMLibrary.allCases,
        [(Transpose.none, Transpose.none), (.transposed, .none), (.none, .transposed), (.transposed, .transposed)])
    func transposes(library: GEMMLibrary, transposes: (Transpose, Transpose)) {
        let (ta, tb) = transposes
        var g = SeededGenerator(seed: 2)
        let m = 5
        let k = 7
        let n = 3
        let a = TestSupport.random(ta == .none ? [m, k] : [k, m], &g)
        let b = TestSupport.random(tb == .none ? [k, n] : [n, k], &g)
        let c = Tensor(shape: [m, n])
        let profiler = StepProfiler()
        GEMM.multiply(a, b, into: c, transposeA: ta, transposeB: tb, library: library, profiler: profiler)
        for i in 0..<m {
            for j in 0..<n {
                var s = 0.0
                for p in 0..<k {
                    let x = ta == .none ? a[i, p] : a[p, i]
                    let y = tb == .none ? b[p, j] : b[j, p]
                    s += Double(x) * Double(y)
                }
                #expect(abs(Double(c[i, j]) - s) < 1e-5)
            }
        }
        #expect(profiler.gemmFlops == Double(2 * m * n * k))
    }

    @Test(arguments: GEMMLibrary.allCases)
    func rowsInUseOnly(library: GEMMLibrary) {
        // A tensor with spare capacity: only the rows in use take part.
        let a = Tensor(shape: [4, 2], capacityRows: 10)
        a.setRows(2)
        _ = a.buffer.update(from: [1, 2, 3, 4])
        let b = Tensor(shape: [2, 2], values: [1, 0, 0, 1])
        let c = Tensor(shape: [0, 2], capacityRows: 10)
        c.setRows(2)
        GEMM.multiply(a, b, into: c, library: library)
        #expect(c.array == [1, 2, 3, 4])
    }
}
