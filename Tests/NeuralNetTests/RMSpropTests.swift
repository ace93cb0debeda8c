import Testing
import NeuralNet
#if canImport(Glibc)
    import Glibc
#endif

/// RMSprop against numbers worked out by hand from the Keras 3 formula
/// `v ← rho·v + (1 − rho)·g²; w ← w − lr·g / sqrt(v + ε)` (velocity starts at 0).
@Suite("RMSprop")
struct RMSpropTests {
    /// Keras's own doc example (keras/src/optimizers/rmsprop.py): `RMSprop(learning_rate=0.1)`,
    /// `w = 10`, loss `w²/2` so `g = w = 10`.
    ///
    /// v₁ = 0.9·0 + 0.1·10² = 10
    /// Δ  = 0.1·10 / sqrt(10 + 1e-7) = 1 / 3.162277676 = 0.316227764
    /// w₁ = 10 − 0.316227764 = 9.683772236   (Keras prints 9.683772)
    @Test func kerasDocumentationExample() {
        let optimizer = RMSprop(learningRate: 0.1)
        let w = Tensor(shape: [1], values: [10])
        let g = Tensor(shape: [1], values: [10])
        optimizer.update(w, gradient: g, layer: "var1", updateKind: .kernelUpdate, context: TestSupport.context())
        #expect(abs(Double(w.buffer[0]) - 9.683772236) < 1e-6)
        #expect(optimizer.velocity(for: w).buffer[0] == 10)
    }

    /// Defaults (lr 0.001, rho 0.9, ε 1e-7), two elements, two steps:
    ///
    /// step 1, g = (0.5, −0.02):
    ///   v = 0.1·g² = (0.025, 0.00004)
    ///   Δ₀ = 0.001·0.5 / sqrt(0.025 + 1e-7)       = 0.0005 / 0.15811420   = 0.00316227134
    ///   Δ₁ = 0.001·(−0.02) / sqrt(0.00004 + 1e-7) = −0.00002 / 0.00633246 = −0.00315833221
    ///   w = (1 − 0.00316227134, −2 + 0.00315833221) = (0.99683772866, −1.99684166779)
    /// step 2, g = (0.1, 0):
    ///   v = 0.9·(0.025, 0.00004) + 0.1·(0.01, 0) = (0.0235, 0.000036)
    ///   Δ₀ = 0.0001 / sqrt(0.0235001) = 0.0001 / 0.15329742 = 0.00065232669
    ///   Δ₁ = 0 (a zero gradient moves nothing, whatever v is)
    ///   w = (0.99618540198, −1.99684166779)
    ///
    /// In float32 the results must be these to within a few float32 ulps (1e-7 relative);
    /// the exact float32 op-by-op values (numpy float32, Keras's order) are
    /// (0.99618542194366455, −1.99684166908264160) and v = (0.023499999195, 0.000035999998).
    @Test func twoStepsByHand() {
        let optimizer = RMSprop()
        let w = Tensor(shape: [2], values: [1, -2])
        let context = TestSupport.context()
        optimizer.update(
            w, gradient: Tensor(shape: [2], values: [0.5, -0.02]), layer: "l", updateKind: .kernelUpdate,
            context: context)
        #expect(abs(Double(w.buffer[0]) - 0.99683772866) < 2e-7)
        #expect(abs(Double(w.buffer[1]) + 1.99684166779) < 2e-7)
        optimizer.update(
            w, gradient: Tensor(shape: [2], values: [0.1, 0]), layer: "l", updateKind: .kernelUpdate, context: context)
        #expect(abs(Double(w.buffer[0]) - 0.99618540198) < 2e-7)
        #expect(abs(Double(w.buffer[1]) + 1.99684166779) < 2e-7)
        // Bit-exact against the float32 op order of Keras.
        #expect(w.buffer[0] == Float(0.99618542194366455))
        #expect(w.buffer[1] == Float(-1.99684166908264160))
        let v = optimizer.velocity(for: w)
        #expect(v.buffer[0] == Float(0.023499999195337296))
        #expect(v.buffer[1] == Float(3.599999763537198e-05))
    }

    /// The tf.keras 2.0–2.10 rule, `w ← w − lr·g / (sqrt(v) + ε)` with `1 − rho` in float32:
    /// `w = 10`, `g = 10`, `lr = 0.1`: `1 − 0.9f = 0.100000024`, `v = 0.100000024·100 =
    /// 10.0000024`, `Δ = 1 / (3.16227804 + 1e-7) = 0.316227727`, `w = 9.683772`; the same as
    /// Keras 3 here because `v ≫ ε`. With `g = 1e-4` (ε matters): Keras 3 gives
    /// `Δ = 1e-7 / sqrt(1e-9 + 1e-7) = 3.1466e-4`, the old rule `1e-7 / (3.1623e-5 + 1e-7) = 3.1523e-3`.
    @Test func epsilonOutsideTheRoot() {
        let old = RMSprop(learningRate: 0.1, epsilonPlacement: .outsideSquareRoot)
        let w = Tensor(shape: [1], values: [10])
        old.update(
            w, gradient: Tensor(shape: [1], values: [10]), layer: "l", updateKind: .kernelUpdate,
            context: TestSupport.context())
        #expect(abs(Double(w.buffer[0]) - 9.683772) < 1e-6)
        let small = Tensor(shape: [5], values: [0, 0, 0, 0, 0])
        let g = Tensor(shape: [5], values: [1e-4, 1e-4, 1e-4, 1e-4, 1e-4])  // 4 SIMD lanes + 1 tail
        RMSprop(epsilonPlacement: .outsideSquareRoot).update(
            small, gradient: g, layer: "l", updateKind: .kernelUpdate, context: TestSupport.context())
        for x in small.array { #expect(abs(Double(x) + 3.1523e-3) < 1e-6) }
        let keras3 = Tensor(shape: [5], values: [0, 0, 0, 0, 0])
        RMSprop().update(keras3, gradient: g, layer: "l", updateKind: .kernelUpdate, context: TestSupport.context())
        for x in keras3.array { #expect(abs(Double(x) + 3.1466e-4) < 1e-7) }
    }

    /// The vectorised loop (4 lanes + scalar tail) equals the scalar formula bit for bit, on
    /// 37 elements with gradients spanning many magnitudes, over several steps.
    @Test func vectorLoopEqualsScalarFormula() {
        let n = 37
        let w0: [Float] = (0..<n).map { Float($0 % 7) * 0.1 - 0.3 }
        var gradients: [[Float]] = []
        for s in 0..<3 {
            var g: [Float] = []
            for i in 0..<n {
                let sign: Float = i % 2 == 0 ? 1 : -1
                let exponent = Float(i % 9 - 6 + s)
                g.append(sign * powf(10, exponent))
            }
            gradients.append(g)
        }
        let optimizer = RMSprop()
        let w = Tensor(shape: [n], values: w0)
        var ws = w0
        var vs = [Float](repeating: 0, count: n)
        let rho = Float(0.9)
        let omr = Float(1 - 0.9)
        let lr = Float(0.001)
        let eps = Float(1e-7)
        for g in gradients {
            optimizer.update(
                w, gradient: Tensor(shape: [n], values: g), layer: "l", updateKind: .kernelUpdate,
                context: TestSupport.context())
            for i in 0..<n {
                vs[i] = rho * vs[i] + omr * (g[i] * g[i])
                ws[i] = ws[i] - (lr * g[i]) / (vs[i] + eps).squareRoot()
            }
        }
        #expect(w.array == ws)
        #expect(optimizer.velocity(for: w).array == vs)
    }

    /// The probe path (update materialised and reported) gives the same weights bit for bit.
    @Test func probePathMatchesFusedPath() {
        final class UpdateProbe: LayerProbe {
            var updates: [[Float]] = []
            func wants(_ kind: TensorKind, layer: String, phase: ModelPhase) -> Bool { kind == .kernelUpdate }
            func observe(_ tensor: ProbedTensor) { updates.append(Array(tensor.values)) }
        }
        let probe = UpdateProbe()
        let plain = RMSprop()
        let probed = RMSprop()
        let w1 = Tensor(shape: [3], values: [0.1, -0.2, 0.3])
        let w2 = Tensor(shape: [3], values: [0.1, -0.2, 0.3])
        let g = Tensor(shape: [3], values: [1e-3, -4, 0.25])
        let before = w2.array
        for _ in 0..<3 {
            plain.update(w1, gradient: g, layer: "l", updateKind: .kernelUpdate, context: TestSupport.context())
            probed.update(
                w2, gradient: g, layer: "l", updateKind: .kernelUpdate, context: TestSupport.context(probe: probe))
        }
        #expect(w1.array == w2.array)
        #expect(probe.updates.count == 3)
        let total = (0..<3).map { i in probe.updates.reduce(Float(0)) { $0 + $1[i] } }
        for i in 0..<3 { #expect(abs(before[i] - total[i] - w2.buffer[i]) < 1e-6) }
    }
}
