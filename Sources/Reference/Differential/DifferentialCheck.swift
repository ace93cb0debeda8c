import SoftFloat
import _MPStudySupport

/// A differential run of one operation in one format, rounding attribute and tininess rule:
/// SoftFloat against the MPFR oracle on `count` generated cases. Cases come in fixed chunks,
/// each with its own seed, so the cases depend only on `seed` and `count`, never on threads.
public struct DifferentialCheck<F: BinaryFormat>: Sendable {
    public var operation: CheckedOperation
    public var rounding: RoundingRule
    public var tininess: Tininess

    public init(_ operation: CheckedOperation, rounding: RoundingRule, tininess: Tininess) {
        self.operation = operation
        self.rounding = rounding
        self.tininess = tininess
    }

    static var chunkSize: Int { 1 << 14 }

    /// Runs `count` cases on all cores; `progress` is told the cases of each finished chunk
    /// (see ``DifferentialReport/gathered(parts:threads:progress:_:)``).
    public func run(count: Int, seed: UInt64, progress: (@Sendable (_ cases: Int) -> Void)? = nil) -> DifferentialReport
    {
        let chunks = (count + Self.chunkSize - 1) / Self.chunkSize
        return DifferentialReport.gathered(parts: chunks, progress: progress) { index in
            let cases = min(Self.chunkSize, count - index * Self.chunkSize)
            return runChunk(cases: cases, seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        }
    }

    /// Runs `cases` cases on the calling thread with its own oracle.
    public func runChunk(cases: Int, seed: UInt64) -> DifferentialReport {
        let oracle = Oracle()
        if !CheckedOperation.arithmetic.contains(operation) {
            return runOperationChunk(cases: cases, seed: seed, oracle: oracle)
        }
        var report = DifferentialReport()
        if operation == .convert {
            // Into F from each verified format and out of F into each, in equal shares.
            let partners = FormatKind.verified
            for (k, partner) in partners.enumerated() {
                let share = cases / partners.count + (k < cases % partners.count ? 1 : 0)
                report.merge(
                    partner.visit(
                        ConversionRun(
                            check: self, oracle: oracle, cases: share,
                            seed: seed &+ UInt64(k))))
            }
            return report
        }
        var generator = OperandGenerator<F>(seed: seed)
        for _ in 0..<cases {
            let (a, b, c) = generator.operands(for: operation)
            var env = FloatEnvironment(rounding: rounding, tininess: tininess)
            let actual: BinaryFloat<F>
            let expected: OracleResult<F>
            switch operation {
            case .add:
                actual = a.adding(b, in: &env)
                expected = oracle.add(a, b, rounding: rounding, tininess: tininess)
            case .sub:
                actual = a.subtracting(b, in: &env)
                expected = oracle.subtract(a, b, rounding: rounding, tininess: tininess)
            case .mul:
                actual = a.multiplied(by: b, in: &env)
                expected = oracle.multiply(a, b, rounding: rounding, tininess: tininess)
            case .div:
                actual = a.divided(by: b, in: &env)
                expected = oracle.divide(a, b, rounding: rounding, tininess: tininess)
            case .sqrt:
                actual = a.squareRoot(in: &env)
                expected = oracle.squareRoot(a, rounding: rounding, tininess: tininess)
            case .fma:
                actual = a.fusedMultiplyAdd(b, c, in: &env)
                expected = oracle.fusedMultiplyAdd(a, b, c, rounding: rounding, tininess: tininess)
            default:
                preconditionFailure("only arithmetic reaches this loop")
            }
            let operands = [a, b, c].prefix(operation.arity)
            compare(expected, actual, env.flags, operands.map { hex($0) }, operation.rawValue, &report)
        }
        return report
    }

    /// Counts one case and records it if the value (NaN matching any NaN, unless
    /// `exactNaN`: the sign-bit operations, whose NaN results the oracle knows bit for bit) or
    /// flags differ.
    func compare<G: BinaryFormat>(
        _ expected: OracleResult<G>, _ actual: BinaryFloat<G>, _ flags: ExceptionFlags,
        _ operands: @autoclosure () -> [String], _ name: @autoclosure () -> String,
        _ report: inout DifferentialReport, exactNaN: Bool = false
    ) {
        report.cases += 1
        let sameValue =
            expected.value.bits == actual.bits || (!exactNaN && expected.value.isNaN && actual.isNaN)
        if sameValue && expected.flags == flags { return }
        report.record(
            Mismatch(
                format: F.name, operation: name(), rounding: rounding, tininess: tininess,
                operands: operands(), expected: hex(expected.value), expectedFlags: expected.flags,
                actual: hex(actual), actualFlags: flags))
    }
}

/// The conversion cases between `F` and one partner format `G`: G -> F on even cases,
/// F -> G on odd ones. Each case seeds a generator of its source format, drawing near the
/// target's grid when the target is narrower.
struct ConversionRun<F: BinaryFormat>: FormatVisitor {
    var check: DifferentialCheck<F>
    var oracle: Oracle
    var cases: Int
    var seed: UInt64

    func visit<G: BinaryFormat>(_: G.Type) -> DifferentialReport {
        var rng = SeededGenerator(seed: seed)
        var report = DifferentialReport()
        for i in 0..<cases {
            if i % 2 == 0 {
                convert(draw(G.self, toward: F.self, &rng), to: F.self, &report)
            } else {
                convert(draw(F.self, toward: G.self, &rng), to: G.self, &report)
            }
        }
        return report
    }

    func draw<S: BinaryFormat, T: BinaryFormat>(_: S.Type, toward _: T.Type, _ rng: inout SeededGenerator)
        -> BinaryFloat<S>
    {
        var generator = OperandGenerator<S>(seed: rng.next())
        return T.fractionBitCount < S.fractionBitCount ? generator.operand(nearGridOf: T.self) : generator.operand()
    }

    func convert<S: BinaryFormat, T: BinaryFormat>(
        _ a: BinaryFloat<S>, to _: T.Type, _ report: inout DifferentialReport
    ) {
        var env = FloatEnvironment(rounding: check.rounding, tininess: check.tininess)
        let actual = a.converted(to: T.self, in: &env)
        let expected = oracle.convert(a, to: T.self, rounding: check.rounding, tininess: check.tininess)
        check.compare(expected, actual, env.flags, [hex(a)], "convert \(S.name)->\(T.name)", &report)
    }
}
