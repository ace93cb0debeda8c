import Testing
import _MPStudySupport
@testable import Precision

/// The recipes' semantics: delayed scaling's history and scales over a scripted amax sequence
/// (derived by hand), the element format and axis of every GEMM operand, and operands
/// quantised whole, in parallel pieces and with ragged last blocks against the scalar
/// SoftFloat reference.
@Suite struct RecipeTests {
    /// E4M3's largest finite value is 448 (1.75 · 2^8), E5M2's 57344 (1.75 · 2^15).
    static let e4m3Max: Float = 448

    /// Delayed scaling, rule max, length 1024, margin 0, on the amaxes 2, 4, 1, 0, inf:
    /// step 1 uses the initial scale 1, then the history [2] gives 448/2 = 224; step 2 (amax 4)
    /// uses 224, so its largest value 4 · 224 = 896 exceeds 448 and saturates: the scale lags
    /// the jump; after it, max(2, 4) = 4 gives 112; step 3 (amax 1) uses 112 and keeps 112
    /// (the max of the history is still 4); an amax of 0 and an infinite amax leave the scale
    /// alone (TE keeps the previous scale when amax is not positive and finite), but the
    /// infinite amax is in the history, so the max rule stays stuck until it leaves it.
    @Test func delayedScalingFollowsTheHistory() {
        let recipe = Recipe(.fp8Delayed)
        var history = AmaxHistory(length: 1024, rule: .max)
        #expect(history.scale == 1 && history.scaleAmax == nil)
        var used: [Float] = []
        for amax: Float in [2, 4, 1] {
            used.append(history.scale)
            history.record(amax, recipe: recipe, element: .e4m3)
        }
        #expect(used == [1, 224, 112])
        #expect(history.scale == 112 && history.scaleAmax == 4)
        #expect(4 * used[1] > Self.e4m3Max)  // the step of the jump saturates
        history.record(0, recipe: recipe, element: .e4m3)
        #expect(history.scale == 112)
        history.record(.infinity, recipe: recipe, element: .e4m3)
        #expect(history.scale == 112 && history.reducedAmax == .infinity)
    }

    /// Length 2 forgets: after 2, 4, 1, 1 the history is [1, 1], so the scale is 448/1 = 448.
    /// most_recent after 2, 4, 1 is 448/1 = 448. Margin 1 halves: 448 / 4 / 2 = 56. E5M2
    /// (a gradient under HYBRID): 57344 / 4 = 14336.
    @Test func historyLengthRuleMarginAndFormat() {
        var short = AmaxHistory(length: 2, rule: .max)
        for amax: Float in [2, 4, 1] { short.record(amax, recipe: Recipe(.fp8Delayed), element: .e4m3) }
        #expect(short.scale == 112)
        short.record(1, recipe: Recipe(.fp8Delayed), element: .e4m3)
        #expect(short.scale == 448 && short.amaxes == [1, 1])
        var recent = AmaxHistory(length: 1024, rule: .mostRecent)
        for amax: Float in [2, 4, 1] { recent.record(amax, recipe: Recipe(.fp8Delayed), element: .e4m3) }
        #expect(recent.scale == 448)
        var margin = AmaxHistory(length: 1024, rule: .max)
        margin.record(4, recipe: Recipe(.fp8Delayed, margin: 1), element: .e4m3)
        #expect(margin.scale == 56)
        var gradient = AmaxHistory(length: 1024, rule: .max)
        gradient.record(4, recipe: Recipe(.fp8Delayed), element: .e5m2)
        #expect(gradient.scale == 14336)
    }

    /// RecipeScales keeps one history per layer and role, notes amaxes during a step (the
    /// largest of repeated casts) and applies them at the end of the step only.
    @Test func recipeScalesApplyAtTheEndOfTheStep() {
        var scales = RecipeScales(recipe: Recipe(.fp8Delayed))
        scales.note(amax: 2, layer: "dense_1", role: .input)
        scales.note(amax: 8, layer: "dense_1", role: .input)
        scales.note(amax: 57344, layer: "dense_1", role: .weightGradientGradient)
        #expect(scales.scale(layer: "dense_1", role: .input).scale == 1)
        scales.endStep()
        #expect(scales.scale(layer: "dense_1", role: .input) == (56, 8))  // 448 / 8
        #expect(scales.scale(layer: "dense_1", role: .weightGradientGradient).scale == 1)  // 57344 / 57344
        #expect(scales.scale(layer: "dense_2", role: .input).scale == 1)
    }

    /// The element format and axis of each operand, recipe by recipe (the table of ``Recipe``).
    @Test func elementsAndAxes() {
        #expect(GEMMOperand.input.axis == .rows && GEMMOperand.kernel.axis == .columns)
        #expect(GEMMOperand.weightGradientInput.axis == .columns && GEMMOperand.weightGradientGradient.axis == .columns)
        #expect(GEMMOperand.inputGradientGradient.axis == .rows && GEMMOperand.inputGradientKernel.axis == .rows)
        let operands = GEMMOperand.allCases
        func elements(_ recipe: Recipe) -> [ElementFormat] { operands.map { recipe.element(of: $0) } }
        // input, kernel, wgrad_input, wgrad_gradient, dgrad_gradient, dgrad_kernel
        #expect(elements(Recipe(.fp8Delayed)) == [.e4m3, .e4m3, .e4m3, .e5m2, .e5m2, .e4m3])
        #expect(elements(Recipe(.fp8Current, fp8Format: .e4m3)) == Array(repeating: .e4m3, count: 6))
        // TE's MXFP8BlockScaling defaults to E4M3 everywhere; HYBRID on request.
        #expect(elements(Recipe(.mxfp8)) == Array(repeating: .e4m3, count: 6))
        #expect(elements(Recipe(.mxfp8, fp8Format: .hybrid)) == [.e4m3, .e4m3, .e4m3, .e5m2, .e5m2, .e4m3])
        #expect(elements(Recipe(.mxfp6)) == [.e2m3, .e2m3, .e4m3, .e4m3, .e4m3, .e4m3])
        #expect(
            elements(Recipe(.mxfp6, fp6Element: .e3m2, backwardUsesForwardElement: true))
                == Array(repeating: .e3m2, count: 6))
        #expect(elements(Recipe(.mxfp4)) == [.e2m1, .e2m1, .e4m3, .e4m3, .e4m3, .e4m3])
        #expect(elements(Recipe(.mxfp4, fp8Format: .hybrid)) == [.e2m1, .e2m1, .e4m3, .e5m2, .e5m2, .e4m3])
        #expect(elements(Recipe(.nvfp4)) == Array(repeating: .e2m1, count: 6))
        #expect(Recipe(.mxfp4).scheme(of: .input) == .mx(element: .e2m1, blockSize: 32))
        #expect(Recipe(.nvfp4).scheme(of: .kernel) == .nvfp4)
        #expect(Recipe(.fp8Current).scheme(of: .kernel, tensorScale: 4) == .tensor(element: .e4m3, scale: 4))
        #expect(PrecisionPolicy(name: "MXFP4")?.recipe == Recipe(.mxfp4))
        #expect(PrecisionPolicy.recipe(Recipe(.nvfp4)).defaultLossScaling == .none)
        #expect(Recipe(.fp8Delayed, amaxHistoryLength: 0).problem != nil)
    }

    static func quantize(
        _ x: [Float], rows: Int, columns: Int, axis: BlockAxis, _ scheme: BlockScaling, threads: Int,
        chunkElements: Int = 64
    ) throws -> ([Float], ScaledStatistics) {
        var out = [Float](repeating: 0, count: x.count)
        var stats = ScaledStatistics()
        let quantizer = OperandQuantizer(parallelism: ParallelChunks(threads: threads, chunkElements: chunkElements))
        try x.withUnsafeBufferPointer { input in
            try out.withUnsafeMutableBufferPointer { output in
                try quantizer.quantize(
                    input.baseAddress!, rows: rows, columns: columns, axis: axis, scheme: scheme,
                    into: output.baseAddress!, statistics: &stats)
            }
        }
        return (out, stats)
    }

    /// Values spanning many binades, with exact ties and zeros (a fixed seed).
    static func operand(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            if i % 11 == 0 { return 0 }
            let exponent = Int.random(in: -20...12, using: &generator)
            let significand = Float(Int.random(in: 8...15, using: &generator)) / 8  // 1.0 ... 1.875: ties in FP4/FP6
            return (Bool.random(using: &generator) ? -1 : 1)
                * Float(sign: .plus, exponent: exponent, significand: significand)
        }
    }

    /// Same bits, any NaN matching any NaN.
    static func sameBits(_ a: [Float], _ b: [Float]) -> Bool {
        a.count == b.count
            && a.indices.allSatisfy { a[$0].bitPattern == b[$0].bitPattern || (a[$0].isNaN && b[$0].isNaN) }
    }

    /// Whole blocks along each axis, in pieces of 64 elements on 1 and 2 threads: the bits of
    /// the scalar reference of the whole matrix, and the statistics of one kernel call.
    @Test(arguments: [BlockScaling.mx(element: .e2m1, blockSize: 32), .mx(element: .e4m3, blockSize: 32), .nvfp4])
    func piecesEqualTheReference(scheme: BlockScaling) throws {
        let rows = 64
        let columns = 96
        let x = Self.operand(rows * columns, seed: 7)
        for axis in BlockAxis.allCases {
            let expected = scheme.reference(x, rows: rows, columns: columns, axis: axis).values
            var whole = ScaledStatistics()
            var wholeOut = [Float](repeating: 0, count: x.count)
            try x.withUnsafeBufferPointer { input in
                try wholeOut.withUnsafeMutableBufferPointer { output in
                    try ScaledQuantizer(scheme).quantize(
                        input, rows: rows, columns: columns, axis: axis, into: output.baseAddress, statistics: &whole)
                }
            }
            for threads in [1, 2] {
                let (values, stats) = try Self.quantize(
                    x, rows: rows, columns: columns, axis: axis, scheme, threads: threads)
                #expect(Self.sameBits(values, expected), "\(scheme) \(axis) threads \(threads)")
                #expect(
                    stats.count == whole.count && stats.flushed == whole.flushed && stats.saturated == whole.saturated)
                #expect(
                    stats.blocks == whole.blocks && stats.histogram == whole.histogram && stats.spread == whole.spread)
            }
        }
    }

    /// A ragged last block (784 = 24 · 32 + 16 along rows; 40 = 32 + 8 rows along columns) is
    /// quantised as that block padded with zeros: the padded matrix's reference, cut back,
    /// gives the same bits, and the statistics count only the real elements.
    @Test(arguments: [BlockScaling.mx(element: .e4m3, blockSize: 32), .mx(element: .e2m1, blockSize: 32), .nvfp4])
    func raggedBlocksEqualZeroPadding(scheme: BlockScaling) throws {
        let block = scheme.blockSize!
        // Along rows: 3 rows of 784 (NVFP4: 3 rows of 10, one short block each).
        let columns = block == 16 ? 10 : 784
        let paddedColumns = (columns + block - 1) / block * block
        let x = Self.operand(3 * columns, seed: 11)
        var padded = [Float](repeating: 0, count: 3 * paddedColumns)
        for r in 0..<3 { for c in 0..<columns { padded[r * paddedColumns + c] = x[r * columns + c] } }
        let reference = scheme.reference(padded, rows: 3, columns: paddedColumns, axis: .rows).values
        let expected = (0..<3).flatMap { r in reference[(r * paddedColumns)..<(r * paddedColumns + columns)] }
        let (values, stats) = try Self.quantize(x, rows: 3, columns: columns, axis: .rows, scheme, threads: 2)
        #expect(Self.sameBits(values, Array(expected)))
        #expect(stats.count == UInt64(x.count) && stats.histogram.reduce(0, +) == UInt64(x.count))
        #expect(stats.blocks == UInt64(3 * (paddedColumns / block)))
        // Along columns: 40 rows of 5 columns (blocks of 32 then 8, or 16, 16 and 8).
        let rows = 40
        let paddedRows = (rows + block - 1) / block * block
        let y = Self.operand(rows * 5, seed: 13)
        let paddedY = y + [Float](repeating: 0, count: (paddedRows - rows) * 5)
        let referenceY = scheme.reference(paddedY, rows: paddedRows, columns: 5, axis: .columns).values
        let (valuesY, statsY) = try Self.quantize(y, rows: rows, columns: 5, axis: .columns, scheme, threads: 2)
        #expect(Self.sameBits(valuesY, Array(referenceY.prefix(rows * 5))))
        #expect(statsY.count == UInt64(y.count) && statsY.histogram.reduce(0, +) == UInt64(y.count))
    }

    /// TensorAmax: the largest magnitude, infinities counted or not, NaN ignored.
    @Test func amax() {
        let x: [Float] = [1, -7, .nan, 3, -.infinity, 0.5]
        x.withUnsafeBufferPointer { p in
            let parallel = ParallelChunks(threads: 2, chunkElements: 2)
            #expect(TensorAmax.amax(p.baseAddress!, count: x.count, parallelism: parallel) == .infinity)
            #expect(TensorAmax.finiteAmax(p.baseAddress!, count: x.count, parallelism: parallel) == 7)
        }
    }
}
