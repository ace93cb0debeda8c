//===--- GEMMBenchmark.swift ----------------------------------------------===//
//
// GFLOP/s of each GEMM library on the matrix products of one training step of the case study.
//
//===----------------------------------------------------------------------===//

import Dispatch
import NeuralNet
import _MPStudySupport

/// One matrix product of a training step, with the operands' stored shapes as the Dense
/// layers pass them (`Dense.swift`): forward `X·W`, backward `dW = Xᵀ·dZ` and `dX = dZ·Wᵀ`.
public struct StepProduct: Sendable {
    public let name: String
    public let m: Int, n: Int, k: Int
    public let transposeA: Transpose, transposeB: Transpose

    /// `2·m·n·k`.
    public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

    /// The products of one step of the `inputs`-`units`-`units`-`classes` MLP on a batch of
    /// `batch`: every layer's forward and weight-gradient product, and the input-gradient
    /// product of every layer but the first (nothing needs the gradient of the images).
    public static func trainingStep(batch: Int, inputs: Int, units: Int, classes: Int) -> [StepProduct] {
        let layers = [("dense_1", inputs, units), ("dense_2", units, units), ("dense_logits", units, classes)]
        var products: [StepProduct] = []
        for (index, (name, fanIn, fanOut)) in layers.enumerated() {
            products.append(
                StepProduct(name: "\(name) X·W", m: batch, n: fanOut, k: fanIn, transposeA: .none, transposeB: .none))
            products.append(
                StepProduct(
                    name: "\(name) Xᵀ·dZ", m: fanIn, n: fanOut, k: batch, transposeA: .transposed, transposeB: .none))
            if index > 0 {
                products.append(
                    StepProduct(
                        name: "\(name) dZ·Wᵀ", m: batch, n: fanIn, k: fanOut, transposeA: .none, transposeB: .transposed
                    ))
            }
        }
        return products
    }
}

/// The measured rate of one product under one library: median, slowest and fastest round.
public struct GEMMBenchmarkRow: Sendable {
    public let product: StepProduct
    public let library: GEMMLibrary
    public let medianGFLOPS: Double, slowestGFLOPS: Double, fastestGFLOPS: Double
    /// Median seconds of one call.
    public let medianSeconds: Double
}

/// Times every product of `products` under every library of `libraries`, `rounds` rounds, the
/// libraries interleaved within each round (their order reversed every other round) so that a
/// change of load hits both alike; each call runs on `panels` (training's default unless a
/// study of the panel size asks otherwise) with `threads` threads, as training does. Operands hold seeded values in [-1, 1); results are
/// checked finite (a broken library would show as a wrong figure, not a fast one).
public func benchmarkGEMM(
    products: [StepProduct], libraries: [GEMMLibrary], threads: Int, rounds: Int, panels: GEMMPanels = GEMMPanels()
) -> [GEMMBenchmarkRow] {
    var generator = SeededGenerator(seed: 12)
    let parallelism = ParallelChunks(threads: threads)
    var rows: [GEMMBenchmarkRow] = []
    for product in products {
        let a = Tensor(shape: product.transposeA == .none ? [product.m, product.k] : [product.k, product.m])
        let b = Tensor(shape: product.transposeB == .none ? [product.k, product.n] : [product.n, product.k])
        for t in [a, b] {
            let buffer = t.buffer
            for i in buffer.indices { buffer[i] = Float(2 * RandomStreams.unitInterval(&generator) - 1) }
        }
        let c = Tensor(shape: [product.m, product.n])
        var seconds = [GEMMLibrary: [Double]]()
        // One untimed call per library first: packing buffers, JIT kernels, page faults.
        for library in libraries { multiply(product, a, b, c, library, parallelism, panels) }
        for round in 0..<rounds {
            for library in round % 2 == 0 ? libraries : libraries.reversed() {
                let start = DispatchTime.now().uptimeNanoseconds
                multiply(product, a, b, c, library, parallelism, panels)
                seconds[library, default: []].append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                precondition(c.readOnlyBuffer.allSatisfy(\.isFinite), "\(library) \(product.name): non-finite result")
            }
        }
        for library in libraries {
            let times = seconds[library, default: []].sorted()
            let median = times[times.count / 2]
            rows.append(
                GEMMBenchmarkRow(
                    product: product, library: library, medianGFLOPS: product.flops / median / 1e9,
                    slowestGFLOPS: product.flops / times.last! / 1e9, fastestGFLOPS: product.flops / times[0] / 1e9,
                    medianSeconds: median))
        }
    }
    return rows
}

/// One product through ``GEMM``.
private func multiply(
    _ p: StepProduct, _ a: Tensor, _ b: Tensor, _ c: Tensor, _ library: GEMMLibrary, _ parallelism: ParallelChunks,
    _ panels: GEMMPanels
) {
    GEMM.multiply(
        a, b, into: c, transposeA: p.transposeA, transposeB: p.transposeB, parallelism: parallelism,
        panels: panels, library: library)
}
