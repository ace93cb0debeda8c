import Bench
import SoftFloat
import Testing

/// The operand distributions of `mpstudy bench softfloat` and scripts/bench-vs-berkeley.sh: what
/// each promises (narrow: exponents in [-7, 7] and no specials; full: every class present in
/// about the intended share), and that a seed fixes them.
@Suite struct OperandSetsTests {
    static let count = 32768

    /// Every value of `values` is finite and nonzero with an unbiased exponent in [-7, 7].
    func expectNarrow<F: BinaryFormat>(_ values: [BinaryFloat<F>], positive: Bool) {
        for x in values {
            let field = Int(UInt64(x.bits) >> UInt64(F.fractionBitCount)) & F.maxExponentField
            #expect((-7...7).contains(field - F.bias), "\(F.name) \(x.bits)")
            if positive { #expect(UInt64(x.bits) >> UInt64(F.bitWidth - 1) == 0, "\(F.name) \(x.bits)") }
        }
        #expect(values.contains { UInt64($0.bits) >> UInt64(F.bitWidth - 1) == 1 } != positive)
    }

    @Test func narrowHasOnlyExponentsInTheRangeAndAPositiveThirdOperand() {
        let set = OperandSet(count: Self.count, .narrow, seed: 12)
        expectNarrow(set.half.a, positive: false)
        expectNarrow(set.half.c, positive: true)
        expectNarrow(set.single.b, positive: false)
        expectNarrow(set.single.c, positive: true)
        expectNarrow(set.double.a, positive: false)
        expectNarrow(set.double.c, positive: true)
        expectNarrow(set.brain.a, positive: false)
    }

    /// Share of each class in `values`.
    func classShares<F: BinaryFormat>(_ values: [BinaryFloat<F>]) -> [String: Double] {
        var counts: [String: Int] = [:]
        for x in values {
            let field = Int(UInt64(x.bits) >> UInt64(F.fractionBitCount)) & F.maxExponentField
            let name: String
            if x.isZero {
                name = "zero"
            } else if x.isInfinite {
                name = "infinity"
            } else if x.isSignalingNaN {
                name = "signalling NaN"
            } else if x.isNaN {
                name = "quiet NaN"
            } else if x.isSubnormal {
                name = "subnormal"
            } else if field == 1 {
                name = "smallest binade"
            } else if field == F.maxExponentField - 1 {
                name = "largest binade"
            } else {
                name = "normal"
            }
            counts[name, default: 0] += 1
        }
        return counts.mapValues { Double($0) / Double(values.count) }
    }

    @Test func fullRangeHasEveryClassInItsShare() {
        let set = OperandSet(count: Self.count, .full, seed: 12)
        func check<F: BinaryFormat>(_ values: [BinaryFloat<F>]) {
            let shares = classShares(values)
            // One in 32 each (subnormals two), plus the uniform draw's own hits on the edge binades.
            for name in ["zero", "infinity", "quiet NaN", "signalling NaN"] {
                #expect(abs(shares[name, default: 0] - 1.0 / 32) < 0.006, "\(F.name) \(name) \(shares)")
            }
            #expect(abs(shares["subnormal", default: 0] - 2.0 / 32) < 0.008, "\(F.name) \(shares)")
            #expect(shares["smallest binade", default: 0] >= 1.0 / 32 - 0.006, "\(F.name) \(shares)")
            #expect(shares["largest binade", default: 0] >= 1.0 / 32 - 0.006, "\(F.name) \(shares)")
            #expect(shares["normal", default: 0] > 0.6, "\(F.name) \(shares)")
            // Both signs, and normal exponents across the whole range (lowest and highest eighth).
            #expect(values.contains { $0.sign } && values.contains { !$0.sign })
            let fields = values.filter { !$0.isNaN && !$0.isInfinite && !$0.isZero && !$0.isSubnormal }.map {
                Int(UInt64($0.bits) >> UInt64(F.fractionBitCount)) & F.maxExponentField
            }
            #expect(
                fields.contains { $0 < F.maxExponentField / 8 } && fields.contains { $0 > F.maxExponentField * 7 / 8 })
        }
        check(set.half.a)
        check(set.half.c)
        check(set.single.b)
        check(set.double.a)
        check(set.brain.a)
    }

    @Test func theSeedFixesTheOperands() {
        let a = OperandSet(count: 1000, .full, seed: 12)
        let b = OperandSet(count: 1000, .full, seed: 12)
        let c = OperandSet(count: 1000, .full, seed: 13)
        #expect(a.double.a == b.double.a && a.brain.c == b.brain.c)
        #expect(a.double.a != c.double.a)
        // The distributions draw from different streams even with one seed.
        #expect(a.single.a != OperandSet(count: 1000, .narrow, seed: 12).single.a)
    }
}
