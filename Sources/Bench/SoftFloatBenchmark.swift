import Reference
import SoftFloat

/// One row of the SoftFloat benchmark: one cell (operation and format, or conversion, on one
/// operand distribution) with SoftFloat's rate over the rounds and, for context, the MPFR
/// oracle's and the host hardware's (nil when not measured or not available).
public struct SoftFloatBenchmarkRow: Sendable {
    public var cell: BenchCell
    /// SoftFloat's operations per second, one figure per round.
    public var softFloat: [Double]
    public var mpfr: Double?
    public var hardware: Double?
    /// Hash of SoftFloat's last results (as the Berkeley harness's timing lines carry).
    public var checksum: UInt64
}

/// What `benchmarkSoftFloat` measures. The defaults are those of scripts/bench-vs-berkeley.sh,
/// so the two time the same loops (Sources/Bench/Shared) on the same operands.
public struct SoftFloatBenchmarkOptions: Sendable {
    public var seconds = 0.1
    public var rounds = 5
    public var count = 65536
    public var seed: UInt64 = 12
    /// Also the MPFR oracle and the hardware (one round each).
    public var references = true
    public init() {}
}

/// Measures every cell of `BenchCell.all` on SoftFloat, one thread, round to nearest even:
/// `rounds` rounds, each timing every cell for `seconds` (the harness's order and loops);
/// then, if asked, the MPFR oracle (bits in, bits out) and the hardware types once per cell.
/// `progress` is told each finished round.
public func benchmarkSoftFloat(
    _ options: SoftFloatBenchmarkOptions, progress: (Int) -> Void = { _ in }
) -> [SoftFloatBenchmarkRow] {
    let sets = OperandDistribution.allCases.map { OperandSet(count: options.count, $0, seed: options.seed) }
    let out = UnsafeMutableRawPointer.allocate(byteCount: 8 * options.count, alignment: 64)
    defer { out.deallocate() }
    var rows = BenchCell.all.map { SoftFloatBenchmarkRow(cell: $0, softFloat: [], checksum: 0) }
    for round in 1...options.rounds {
        for i in rows.indices {
            let set = sets.first { $0.distribution == rows[i].cell.distribution }!
            rows[i].softFloat.append(
                SoftFloatRunner.measure(
                    rows[i].cell, set, seconds: options.seconds, out: out, checksum: &rows[i].checksum))
        }
        progress(round)
    }
    if options.references {
        let references = ReferenceRates(seconds: options.seconds, out: out)
        for i in rows.indices {
            let set = sets.first { $0.distribution == rows[i].cell.distribution }!
            rows[i].mpfr = references.mpfr(rows[i].cell, set)
            rows[i].hardware = references.hardware(rows[i].cell, set)
        }
    }
    return rows
}

/// The context columns: the MPFR oracle and the host's own arithmetic on the same operands,
/// results stored like SoftFloat's (one round each; these are orders of magnitude, not the subject).
struct ReferenceRates {
    let seconds: Double
    let out: UnsafeMutableRawPointer
    let oracle = Oracle()

    /// Operations per second of `pass` over `count` operands.
    func rate(_ count: Int, _ pass: () -> Void) -> Double {
        measureThroughput(operations: count, minimumSeconds: seconds, rounds: 1) {
            pass()
            return UInt64(out.load(as: UInt8.self))
        }
    }

    func mpfr(_ cell: BenchCell, _ set: OperandSet) -> Double {
        switch cell.kind {
        case .arithmetic(let op, .binary16): mpfr(op, set.half)
        case .arithmetic(let op, .binary32): mpfr(op, set.single)
        case .arithmetic(let op, .binary64): mpfr(op, set.double)
        case .conversion(.f32ToF16): mpfr(set.single.a, to: Binary16.self)
        case .conversion(.f16ToF32): mpfr(set.half.a, to: Binary32.self)
        case .conversion(.f64ToF32): mpfr(set.double.a, to: Binary32.self)
        case .conversion(.f64ToF16): mpfr(set.double.a, to: Binary16.self)
        case .conversion(.f32ToBF16): mpfr(set.single.a, to: BFloat16.self)
        case .conversion(.bf16ToF32): mpfr(set.brain.a, to: Binary32.self)
        }
    }

    func mpfr<F: BinaryFormat>(_ op: BenchOperation, _ t: OperandTriple<F>) -> Double {
        let (o, rne, after) = (oracle, RoundingRule.toNearestOrEven, Tininess.afterRounding)
        let y = out.assumingMemoryBound(to: BinaryFloat<F>.self)
        return rate(t.a.count) {
            for i in t.a.indices {
                let (a, b, c) = (t.a[i], t.b[i], t.c[i])
                y[i] =
                    switch op {
                    case .add: o.add(a, b, rounding: rne, tininess: after).value
                    case .sub: o.subtract(a, b, rounding: rne, tininess: after).value
                    case .mul: o.multiply(a, b, rounding: rne, tininess: after).value
                    case .div: o.divide(a, b, rounding: rne, tininess: after).value
                    case .sqrt: o.squareRoot(c, rounding: rne, tininess: after).value
                    case .fma: o.fusedMultiplyAdd(a, b, c, rounding: rne, tininess: after).value
                    }
            }
        }
    }

    func mpfr<S: BinaryFormat, T: BinaryFormat>(_ source: [BinaryFloat<S>], to _: T.Type) -> Double {
        let y = out.assumingMemoryBound(to: BinaryFloat<T>.self)
        return rate(source.count) {
            for (i, x) in source.enumerated() {
                y[i] = oracle.convert(x, to: T.self, rounding: .toNearestOrEven, tininess: .afterRounding).value
            }
        }
    }

    /// Float16, Float and Double; nil for bfloat16, which the host has no type for.
    func hardware(_ cell: BenchCell, _ set: OperandSet) -> Double? {
        switch cell.kind {
        case .arithmetic(let op, .binary16): hardware(op, set.half, Float16.self)
        case .arithmetic(let op, .binary32): hardware(op, set.single, Float.self)
        case .arithmetic(let op, .binary64): hardware(op, set.double, Double.self)
        case .conversion(.f32ToF16): convert(set.single.a, Float.self) { Float16($0).bitPattern }
        case .conversion(.f16ToF32): convert(set.half.a, Float16.self) { Float($0).bitPattern }
        case .conversion(.f64ToF32): convert(set.double.a, Double.self) { Float($0).bitPattern }
        case .conversion(.f64ToF16): convert(set.double.a, Double.self) { Float16($0).bitPattern }
        case .conversion(.f32ToBF16), .conversion(.bf16ToF32): nil
        }
    }

    func hardware<F, H: HardwareFloat>(_ op: BenchOperation, _ t: OperandTriple<F>, _: H.Type) -> Double
    where H.Format == F {
        let (a, b, c) = (
            t.a.map { H(bitPattern: $0.bits) }, t.b.map { H(bitPattern: $0.bits) }, t.c.map { H(bitPattern: $0.bits) }
        )
        let y = out.assumingMemoryBound(to: H.self)
        return rate(a.count) {
            switch op {
            case .add: for i in a.indices { y[i] = a[i] + b[i] }
            case .sub: for i in a.indices { y[i] = a[i] - b[i] }
            case .mul: for i in a.indices { y[i] = a[i] * b[i] }
            case .div: for i in a.indices { y[i] = a[i] / b[i] }
            case .sqrt: for i in a.indices { y[i] = c[i].squareRoot() }
            case .fma: for i in a.indices { y[i] = c[i].addingProduct(a[i], b[i]) }
            }
        }
    }

    func convert<F, H: HardwareFloat, R>(_ source: [BinaryFloat<F>], _: H.Type, _ f: (H) -> R) -> Double
    where H.Format == F {
        let x = source.map { H(bitPattern: $0.bits) }
        let y = out.assumingMemoryBound(to: R.self)
        return rate(x.count) { for i in x.indices { y[i] = f(x[i]) } }
    }
}

/// The host type whose bit pattern is a `Format` encoding.
public protocol HardwareFloat: BinaryFloatingPoint {
    associatedtype Format: BinaryFormat
    init(bitPattern: Format.Bits)
    var bitPattern: Format.Bits { get }
}
extension Float16: HardwareFloat { public typealias Format = Binary16 }
extension Float: HardwareFloat { public typealias Format = Binary32 }
extension Double: HardwareFloat { public typealias Format = Binary64 }
