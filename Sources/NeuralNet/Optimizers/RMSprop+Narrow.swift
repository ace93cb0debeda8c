//===--- RMSprop+Narrow.swift ---------------------------------------------===//
//
// RMSprop in a narrow variable format (the `float16` policy).
//
//===----------------------------------------------------------------------===//

import CKernels
import Precision

/// The Keras 3 RMSprop update with every operation in the variable format: TensorFlow casts
/// the hyperparameters to the variable's dtype (`rho`, `1 - rho` taken in Python's double
/// first, `lr`, `epsilon`: 1e-7 is a float16 subnormal, 2 x 2^-24), keeps the velocity in
/// that dtype, and each op rounds. The C kernel does each op in float32 and rounds once to
/// the format, which equals the format's own operation.
struct NarrowConstants {
    let rho, oneMinusRho, learningRate, epsilon: Float
    let precision: Int32
    let vector: Bool

    init(rho: Double, learningRate: Double, epsilon: Double, format: ComputeFormat, vector: Bool) {
        let rounder = TensorRounder(threads: 1, allowVectorKernels: vector)
        func cast(_ x: Double) -> Float {
            var value = Float(x)
            var out: Float = 0
            rounder.round(&value, count: 1, to: format, into: &out)
            return out
        }
        self.rho = cast(rho)
        self.oneMinusRho = cast(1 - rho)
        self.learningRate = cast(learningRate)
        self.epsilon = cast(epsilon)
        precision = Int32(format.precision)
        self.vector = vector
    }

    func run(
        _ range: Range<Int>, w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
        v: UnsafeMutablePointer<Float>, delta: UnsafeMutablePointer<Float>?
    ) {
        let kernel = vector ? ck_rmsprop_narrow_avx2 : ck_rmsprop_narrow
        kernel(
            w + range.lowerBound, g + range.lowerBound, v + range.lowerBound, delta.map { $0 + range.lowerBound },
            range.count, rho, oneMinusRho, learningRate, epsilon, precision)
    }
}
