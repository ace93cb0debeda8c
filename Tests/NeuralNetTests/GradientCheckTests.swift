import Testing
import NeuralNet
import _MPStudySupport
#if canImport(Glibc)
    import Glibc
#endif

/// Every backward pass against central finite differences.
///
/// Method: the analytic gradient comes from the real float32 layer code; the numerical one
/// from central differences `(f(θ+h) − f(θ−h)) / 2h` of a Double re-implementation of the same
/// function at the same (float32-representable) point, with `h = 1e-6`.
///
/// Tolerance `|analytic − numeric| <= 1e-4 · (1 + |numeric|)`, justified:
/// - Finite-difference error in Double: truncation `h²/6·|f'''|` ≈ 1e-13 for these O(1)
///   functions, cancellation `ε_double·|f|/h` ≈ 1e-16·10/1e-6 = 1e-9. Negligible.
/// - The analytic gradient is float32: every element is a sum of at most 8 products of O(1)
///   terms, so its rounding error is at most about 8·2⁻²⁴·Σ|terms| ≈ 2e-6 here (observed: ~1e-7).
/// - ReLU kinks: inputs are chosen so that every pre-activation is at least 0.01 away from 0,
///   far beyond `h`, so the function is smooth in the FD stencil.
/// So 1e-4 leaves a 50x margin over the worst float32 error, while any real bug (a missing
/// transpose, a wrong index, a lost 1/n) makes errors of the order of the gradient itself,
/// which the tests require to be at least 0.01 somewhere.
@Suite("Backward passes against finite differences")
struct GradientCheckTests {
    static let tolerance = 1e-4

    /// `Z = X·W + b`, `A = act(Z)` in Double.
    static func dense(_ x: [Double], _ w: [Double], _ b: [Double], rows: Int, inputs: Int, units: Int, relu: Bool) -> (
        z: [Double], a: [Double]
    ) {
        var z = TestSupport.matmul(x, w, m: rows, k: inputs, n: units)
        for r in 0..<rows { for c in 0..<units { z[r * units + c] += b[c] } }
        return (z, relu ? z.map { max($0, 0) } : z)
    }

    @Test("Dense forward and backward (dL/dW, dL/db, dL/dX)", arguments: [Activation.linear, .relu])
    func dense(activation: Activation) {
        let rows = 3
        let inputs = 5
        let units = 4
        let relu = activation == .relu
        // Find a seed whose pre-activations all stay away from the ReLU kink.
        var g = SeededGenerator(seed: 1)
        var layer = Dense(name: "dense_t", inputSize: inputs, units: units, activation: activation)
        var x = Tensor(shape: [rows, inputs])
        var r = Tensor(shape: [rows, units])
        for seed in UInt64(1)...200 {
            g = SeededGenerator(seed: seed)
            layer = Dense(name: "dense_t", inputSize: inputs, units: units, activation: activation)
            layer.initialize(generator: &g)
            for i in 0..<units { layer.bias.buffer[i] = Float(RandomStreams.unitInterval(&g) - 0.5) }
            x = TestSupport.random([rows, inputs], &g)
            r = TestSupport.random([rows, units], &g)
            let z = Self.dense(
                x.array.map(Double.init), layer.kernel.array.map(Double.init), layer.bias.array.map(Double.init),
                rows: rows, inputs: inputs, units: units, relu: false
            ).z
            if z.allSatisfy({ abs($0) > 0.01 }) && (!relu || z.contains { $0 < 0 }) { break }
        }

        // Analytic, float32, through the layer. L = Σ R ⊙ A, so dL/dA = R.
        let context = TestSupport.context()
        layer.reserve(batchCapacity: rows, computesInputGradient: true)
        let output = layer.forward(x, context: context)
        let upstream = Tensor(shape: [rows, units])
        upstream.copy(from: r)
        let dx = layer.backward(input: x, outputGradient: upstream, context: context)!

        // Reference, Double.
        let rd = r.array.map(Double.init)
        var xd = x.array.map(Double.init)
        var wd = layer.kernel.array.map(Double.init)
        var bd = layer.bias.array.map(Double.init)
        func loss(_ x: [Double], _ w: [Double], _ b: [Double]) -> Double {
            zip(Self.dense(x, w, b, rows: rows, inputs: inputs, units: units, relu: relu).a, rd).reduce(0) {
                $0 + $1.0 * $1.1
            }
        }
        let reference = Self.dense(xd, wd, bd, rows: rows, inputs: inputs, units: units, relu: relu).a
        for i in 0..<output.count { #expect(abs(Double(output.buffer[i]) - reference[i]) < 1e-6) }

        var largest = 0.0
        for i in wd.indices {
            let n = TestSupport.centralDifference(&wd, i) { loss(xd, $0, bd) }
            largest = max(largest, abs(n))
            #expect(
                TestSupport.close(layer.kernelGradient.buffer[i], n, tolerance: Self.tolerance),
                "dW[\(i)] \(layer.kernelGradient.buffer[i]) vs \(n)")
        }
        for i in bd.indices {
            let n = TestSupport.centralDifference(&bd, i) { loss(xd, wd, $0) }
            #expect(
                TestSupport.close(layer.biasGradient.buffer[i], n, tolerance: Self.tolerance),
                "db[\(i)] \(layer.biasGradient.buffer[i]) vs \(n)")
        }
        for i in xd.indices {
            let n = TestSupport.centralDifference(&xd, i) { loss($0, wd, bd) }
            #expect(TestSupport.close(dx.buffer[i], n, tolerance: Self.tolerance), "dX[\(i)] \(dx.buffer[i]) vs \(n)")
        }
        #expect(largest > 0.01)
    }

    @Test("ReLU layer forward and backward")
    func relu() {
        var g = SeededGenerator(seed: 3)
        let x = TestSupport.random([4, 6], &g)
        // Keep inputs away from the kink.
        for i in 0..<x.count where abs(x.buffer[i]) < 0.05 { x.buffer[i] = 0.3 }
        let r = TestSupport.random([4, 6], &g)
        let layer = ReLU(name: "relu_t")
        let context = TestSupport.context()
        let y = Tensor(shape: [4, 6])
        layer.forward(x, into: y, context: context)
        let grad = Tensor(shape: [4, 6])
        grad.copy(from: r)
        layer.backward(gradient: grad, activation: y, context: context)
        var xd = x.array.map(Double.init)
        let rd = r.array.map(Double.init)
        let f: ([Double]) -> Double = { v in zip(v, rd).reduce(0) { $0 + max($1.0, 0) * $1.1 } }
        for i in xd.indices {
            #expect(y.buffer[i] == max(x.buffer[i], 0))
            let n = TestSupport.centralDifference(&xd, i, f)
            #expect(TestSupport.close(grad.buffer[i], n, tolerance: Self.tolerance))
        }
        // NaN propagates forward and passes no gradient.
        let nan = Tensor(shape: [1, 2], values: [.nan, -1])
        layer.forward(nan, into: nan, context: context)
        #expect(nan.buffer[0].isNaN && nan.buffer[1] == 0)
    }

    @Test("Softmax + cross-entropy: closed form and finite differences")
    func softmaxCrossEntropy() {
        var g = SeededGenerator(seed: 11)
        let rows = 4
        let k = 3
        let logits = TestSupport.random([rows, k], scale: 3, &g)
        let labels: [Int32] = [0, 2, 1, 2]
        let head = SoftmaxCrossEntropy(classes: k)
        head.reserve(batchCapacity: rows)
        let metrics = labels.withUnsafeBufferPointer {
            head.forward(logits: logits, labels: $0, computeGradient: true, context: TestSupport.context())
        }
        var zd = logits.array.map(Double.init)
        let lossD = TestSupport.meanCrossEntropy(logits: zd, labels: labels, classes: k)
        #expect(abs(metrics.meanLoss - lossD) < 1e-6)

        // Closed form: dL/dz_j = (p_j − [j == y]) / n. Float32 softmax values are within a few
        // ulps (< 1e-6) of the exact ones, so 2e-6 absolute is the right bound here.
        for r in 0..<rows {
            let row = zd[(r * k)..<(r * k + k)]
            let m = row.max()!
            let s = row.reduce(0) { $0 + exp($1 - m) }
            for j in 0..<k {
                let p = exp(zd[r * k + j] - m) / s
                #expect(abs(Double(head.probabilities[r, j]) - p) < 2e-6)
                let closed = (p - (Int32(j) == labels[r] ? 1 : 0)) / Double(rows)
                #expect(abs(Double(head.logitsGradient[r, j]) - closed) < 2e-6)
            }
        }
        for i in zd.indices {
            let n = TestSupport.centralDifference(&zd, i) {
                TestSupport.meanCrossEntropy(logits: $0, labels: labels, classes: k)
            }
            #expect(TestSupport.close(head.logitsGradient.buffer[i], n, tolerance: Self.tolerance))
        }
    }

    @Test("Whole model (784-style stack in miniature): every parameter")
    func wholeModel() {
        let inputs = 4
        let hidden = [5, 5]
        let classes = 3
        let rows = 4
        let labels: [Int32] = [0, 2, 1, 2]
        var model: SequentialModel! = nil
        var x = Tensor(shape: [rows, inputs])
        // Pick a seed whose hidden pre-activations all avoid the kink.
        for seed in UInt64(1)...500 {
            var g = SeededGenerator(seed: seed)
            let m = SequentialModel(inputSize: inputs, hiddenUnits: hidden, classes: classes, generator: &g)
            for layer in m.denseLayers {
                for i in 0..<layer.units { layer.bias.buffer[i] = Float(RandomStreams.unitInterval(&g) - 0.5) * 0.5 }
            }
            let candidate = TestSupport.random([rows, inputs], &g)
            if Self.preActivations(m, candidate).allSatisfy({ abs($0) > 0.01 }) {
                model = m
                x = candidate
                break
            }
        }
        #expect(model != nil)
        guard let model else { return }
        model.reserve(batchCapacity: rows)
        let context = TestSupport.context()
        let metrics = labels.withUnsafeBufferPointer { model.computeGradients(x, labels: $0, context: context) }

        var params = Self.parameters(model)
        let xd = x.array.map(Double.init)
        let f: ([Double]) -> Double = { p in Self.loss(model, p, xd, labels) }
        #expect(abs(metrics.meanLoss - f(params)) < 1e-5)
        var analytic: [Float] = []
        for layer in model.denseLayers { analytic += layer.kernelGradient.array + layer.biasGradient.array }
        var largest = 0.0
        for i in params.indices {
            let n = TestSupport.centralDifference(&params, i, f)
            largest = max(largest, abs(n))
            #expect(
                TestSupport.close(analytic[i], n, tolerance: Self.tolerance), "parameter \(i): \(analytic[i]) vs \(n)")
        }
        #expect(largest > 0.01)
    }

    /// Kernels and biases, layer by layer, as Doubles.
    static func parameters(_ model: SequentialModel) -> [Double] {
        model.denseLayers.flatMap { ($0.kernel.array + $0.bias.array).map(Double.init) }
    }

    /// Mean cross-entropy of the Double re-implementation with parameters `p`.
    static func loss(_ model: SequentialModel, _ p: [Double], _ x: [Double], _ labels: [Int32]) -> Double {
        var offset = 0
        var a = x
        let rows = labels.count
        for layer in model.denseLayers {
            let w = Array(p[offset..<(offset + layer.kernel.count)])
            offset += layer.kernel.count
            let b = Array(p[offset..<(offset + layer.units)])
            offset += layer.units
            a =
                dense(a, w, b, rows: rows, inputs: layer.inputSize, units: layer.units, relu: layer.activation == .relu)
                .a
        }
        return TestSupport.meanCrossEntropy(logits: a, labels: labels, classes: model.classes)
    }

    /// Every hidden pre-activation of the Double re-implementation.
    static func preActivations(_ model: SequentialModel, _ x: Tensor) -> [Double] {
        var a = x.array.map(Double.init)
        var all: [Double] = []
        for layer in model.denseLayers where layer.activation == .relu {
            let out = dense(
                a, layer.kernel.array.map(Double.init), layer.bias.array.map(Double.init),
                rows: x.rows, inputs: layer.inputSize, units: layer.units, relu: true)
            all += out.z
            a = out.a
        }
        return all
    }
}
