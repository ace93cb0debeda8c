import Testing
@testable import NeuralNet
import Precision
import _MPStudySupport

/// The C RMSprop kernels (portable, and AVX2 where the CPU has it) against the Keras 3
/// formula written out in scalar Swift, one float32 operation per step (Swift never fuses
/// `a·b + c`): the same bits for every input whose result is a number, and a NaN wherever the
/// formula gives one (IEEE 754 leaves the payload of a NaN result to the implementation, and
/// LLVM may swap the operands of a commutative operation, so payloads are not compared).
@Suite struct RMSpropKernelTests {
    /// Keras 3's update of one element, or the tf.keras 2.0–2.10 one with `epsilonOutside`:
    /// `v = rho·v + (1 − rho)·g²; d = lr·g / sqrt(v + ε)` (or `/ (sqrt(v) + ε)`; `w = w − d`.
    static func reference(w: inout Float, v: inout Float, g: Float, _ c: RMSpropKernel.Constants) -> Float {
        let gg = g * g
        let decayed = c.rho * v
        let fresh = c.oneMinusRho * gg
        v = decayed + fresh
        let denominator = c.epsilonOutside ? v.squareRoot() + c.epsilon : (v + c.epsilon).squareRoot()
        let step = c.learningRate * g
        let d = step / denominator
        w = w - d
        return d
    }

    /// Equal bits, or both NaN.
    static func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// Random values of every kind: one in four a random bit pattern (NaNs, infinities,
    /// subnormals, zeros of both signs included), the rest typical magnitudes from 2^-40 to
    /// 2^10, then a fixed list of edge cases: zero gradients, gradients whose square
    /// overflows (2^64) or underflows (2^-80), infinities, NaNs, the largest finite value,
    /// the smallest subnormal.
    static func values(_ count: Int, _ g: inout SeededGenerator) -> [Float] {
        let edges: [Float] = [
            0, -0, 0x1p64, -0x1p64, 0x1p-80, -0x1p-80, .infinity, -.infinity, .nan,
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1p-149, 1, -1, 1e-4,
        ]
        var xs = edges
        while xs.count < count {
            if g.next() % 4 == 0 {
                xs.append(Float(bitPattern: UInt32(truncatingIfNeeded: g.next())))
            } else {
                xs.append(
                    Float(
                        sign: g.next() & 1 == 0 ? .plus : .minus, exponent: Int(g.next() % 51) - 40,
                        significand: 1 + Float(g.next() % (1 << 23)) / Float(1 << 23)))
            }
        }
        return xs
    }

    /// 10,007 elements (not a multiple of 8: the vector kernel's tail runs too) over three
    /// steps, both epsilon placements, with the update applied and with it written to `delta`.
    @Test(arguments: [false, true])
    func kernelsMatchTheScalarFormula(epsilonOutside: Bool) {
        let vectors = TensorRounder().usesVectorKernels ? [false, true] : [false]
        let c = RMSpropKernel.Constants(
            rho: 0.9, oneMinusRho: Float(1 - 0.9), learningRate: 0.001, epsilon: 1e-7,
            epsilonOutside: epsilonOutside)
        let n = 10_007
        for vector in vectors {
            for writesDelta in [false, true] {
                var g = SeededGenerator(seed: 17)
                let w0 = Self.values(n, &g)
                // Velocities are sums of squares: non-negative, but the kernel must not care.
                let v0 = Self.values(n, &g).map { $0.magnitude }
                var w = w0
                var v = v0
                var delta = [Float](repeating: 0, count: n)
                var rw = w0
                var rv = v0
                var rd = [Float](repeating: 0, count: n)
                for _ in 0..<3 {
                    let gradient = Self.values(n, &g).shuffled(using: &g)
                    w.withUnsafeMutableBufferPointer { w in
                        v.withUnsafeMutableBufferPointer { v in
                            delta.withUnsafeMutableBufferPointer { d in
                                gradient.withUnsafeBufferPointer { gr in
                                    RMSpropKernel.run(
                                        0..<n, w: w.baseAddress!, g: gr.baseAddress!, v: v.baseAddress!,
                                        delta: writesDelta ? d.baseAddress! : nil, c, vector: vector)
                                }
                            }
                        }
                    }
                    for i in 0..<n {
                        var wi = rw[i]
                        rd[i] = Self.reference(w: &wi, v: &rv[i], g: gradient[i], c)
                        if !writesDelta { rw[i] = wi }
                    }
                }
                let bad = (0..<n).filter { !Self.same(w[$0], rw[$0]) || !Self.same(v[$0], rv[$0]) }
                #expect(
                    bad.isEmpty,
                    "vector=\(vector) delta=\(writesDelta): \(bad.prefix(5).map { (w[$0], rw[$0], v[$0], rv[$0]) })")
                if writesDelta {
                    #expect((0..<n).allSatisfy { Self.same(delta[$0], rd[$0]) }, "vector=\(vector) delta")
                }
                // The premise: the data reached the interesting cases.
                #expect(
                    rv.contains { $0.isInfinite } && rd.contains { $0.isNaN } && rd.contains { $0 != 0 && $0.isFinite })
            }
        }
    }

    /// One hand-derived element: w = 1, v = 0, g = 2, defaults except lr = 0.5.
    /// Float(1 − 0.9) is 0.1f = 0x3DCCCCCD = 0.100000001490116; times g² = 4 is exact:
    /// v = 0.400000005960464 = 0x3ECCCCCD. sqrt(0.4000001) = 0.63245561 (1/sqrt(0.4) =
    /// 1.58113883 less 0.5·0.4^-1.5·1e-7 = 2.0e-7), so d = 0.5·2 / 0.63245561 = 1.5811386 and
    /// w = 1 − d = −0.5811386, checked to 1e-6 (the exact bits are the test above).
    @Test func oneElementByHand() {
        let c = RMSpropKernel.Constants(rho: 0.9, oneMinusRho: Float(1 - 0.9), learningRate: 0.5, epsilon: 1e-7)
        for vector in TensorRounder().usesVectorKernels ? [false, true] : [false] {
            var w: [Float] = [1]
            var v: [Float] = [0]
            let g: [Float] = [2]
            RMSpropKernel.run(0..<1, w: &w, g: g, v: &v, delta: nil, c, vector: vector)
            #expect(v[0].bitPattern == 0x3ECC_CCCD)
            #expect(abs(Double(w[0]) + 0.5811386) < 1e-6)
        }
    }
}
