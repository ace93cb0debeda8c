import Reference
import Testing
import _MPStudySupport
@testable import Precision

/// ``GEMMErrorBudget/samples`` walks the depth in blocks, every entry in turn: on operands
/// of every transpose, depths below, at and across the block size, its two parts must be
/// those of the exact dot products that MPFR computes (2000 bits: exact for float32
/// products), each rounded once to Double.
@Suite struct GEMMErrorBudgetBlockingTests {
    /// Random float32 values over a wide exponent range, signs mixed, a few exact zeros.
    static func values(_ count: Int, _ g: inout SeededGenerator) -> [Float] {
        (0..<count).map { _ in
            if Int.random(in: 0..<20, using: &g) == 0 { return 0 }
            return Float(
                sign: Bool.random(using: &g) ? .minus : .plus, exponent: Int.random(in: -40...40, using: &g),
                significand: Float.random(in: 1..<2, using: &g))
        }
    }

    /// Σ_k op(A)[i, k]·op(B)[k, j] in MPFR, rounded once to Double.
    static func mpfr(_ a: MatrixView, _ b: MatrixView, _ i: Int, _ j: Int) -> Double {
        let sum = MPFRValue(precision: 2000)
        let x = MPFRValue(precision: 2000)
        let y = MPFRValue(precision: 2000)
        let product = MPFRValue(precision: 2000)
        _ = sum.set(0)
        for k in 0..<a.viewColumns {
            _ = x.set(Double(a[i, k]))
            _ = y.set(Double(b[k, j]))
            _ = product.multiply(x, y)
            _ = sum.add(sum, product)
        }
        return sum.doubleValue()
    }

    @Test(arguments: [(1, false, false), (63, true, false), (64, false, true), (65, true, true), (150, true, true)])
    func matchesMPFR(depth: Int, transposeA: Bool, transposeB: Bool) {
        var g = SeededGenerator(seed: 20_261_130 &+ UInt64(depth))
        let (m, n) = (5, 7)
        let exactA = Self.values(m * depth, &g)
        let exactB = Self.values(depth * n, &g)
        // The used operands: the exact ones with the low 13 significand bits cleared (float16's
        // precision), so quantisation and accumulation both have something to measure.
        let usedA = exactA.map { Float(bitPattern: $0.bitPattern & ~0x1FFF) }
        let usedB = exactB.map { Float(bitPattern: $0.bitPattern & ~0x1FFF) }
        let entries = (0..<40).map { _ in
            (row: Int.random(in: 0..<m, using: &g), column: Int.random(in: 0..<n, using: &g))
        }
        // A float32 result to measure against: the used product summed in order in Float.
        func view(_ p: UnsafePointer<Float>, rows: Int, columns: Int, _ t: Bool) -> MatrixView {
            t
                ? MatrixView(p, rows: columns, columns: rows, transposed: true)
                : MatrixView(p, rows: rows, columns: columns)
        }
        // Stored transposed when the view transposes: op(M) is always m x depth (A) or depth x n (B).
        func stored(_ v: [Float], rows: Int, columns: Int, _ t: Bool) -> [Float] {
            t ? (0..<(rows * columns)).map { v[($0 % rows) * columns + $0 / rows] } : v
        }
        let sEA = stored(exactA, rows: m, columns: depth, transposeA)
        let sUA = stored(usedA, rows: m, columns: depth, transposeA)
        let sEB = stored(exactB, rows: depth, columns: n, transposeB)
        let sUB = stored(usedB, rows: depth, columns: n, transposeB)
        sEA.withUnsafeBufferPointer { ea in
            sUA.withUnsafeBufferPointer { ua in
                sEB.withUnsafeBufferPointer { eb in
                    sUB.withUnsafeBufferPointer { ub in
                        let eA = view(ea.baseAddress!, rows: m, columns: depth, transposeA)
                        let uA = view(ua.baseAddress!, rows: m, columns: depth, transposeA)
                        let eB = view(eb.baseAddress!, rows: depth, columns: n, transposeB)
                        let uB = view(ub.baseAddress!, rows: depth, columns: n, transposeB)
                        var c = [Float](repeating: 0, count: m * n)
                        for i in 0..<m { for j in 0..<n { for k in 0..<depth { c[i * n + j] += uA[i, k] * uB[k, j] } } }
                        let (samples, skipped) = c.withUnsafeBufferPointer { result in
                            GEMMErrorBudget.samples(
                                exactA: eA, exactB: eB, usedA: uA, usedB: uB, result: result.baseAddress!,
                                resultColumns: n, entries: entries)
                        }
                        var expected: [GEMMErrorBudget.Sample] = []
                        var zeros = 0
                        for (i, j) in entries {
                            let e = Self.mpfr(eA, eB, i, j)
                            let q = Self.mpfr(uA, uB, i, j)
                            let r = Double(c[i * n + j])
                            if e == 0 {
                                zeros += 1
                                continue
                            }
                            expected.append(.init(quantization: (q - e) / abs(e), accumulation: (r - q) / abs(e)))
                        }
                        #expect(skipped == zeros)
                        #expect(
                            samples == expected,
                            "depth \(depth), transposes \(transposeA) \(transposeB): A = \(exactA.map { String($0.bitPattern, radix: 16) }), B = \(exactB.map { String($0.bitPattern, radix: 16) })"
                        )
                    }
                }
            }
        }
    }
}
