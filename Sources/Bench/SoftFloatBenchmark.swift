import Reference
import SoftFloat

/// One row of the SoftFloat benchmark: operations per second of SoftFloat, the MPFR oracle
/// (bits in, bits out) and the host hardware, for one operation in one format.
public struct SoftFloatBenchmarkRow: Sendable {
    public var operation: String
    public var format: String
    public var softFloat: Double
    public var mpfr: Double
    public var hardware: Double
}

/// Measures every SoftFloat operation in binary16, binary32 and binary64, round to nearest
/// even, on one thread, beside the MPFR oracle and the hardware types (Float16, Float, Double).
public func benchmarkSoftFloat(minimumSeconds: Double = 0.05) -> [SoftFloatBenchmarkRow] {
    var rows: [SoftFloatBenchmarkRow] = []
    rows += SoftFloatBenchmark<Binary16, Float16>(minimumSeconds: minimumSeconds).rows()
    rows += SoftFloatBenchmark<Binary32, Float>(minimumSeconds: minimumSeconds).rows()
    rows += SoftFloatBenchmark<Binary64, Double>(minimumSeconds: minimumSeconds).rows()
    return rows
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

/// The measurements for one format `F` with hardware type `H`.
struct SoftFloatBenchmark<F: BinaryFormat, H: HardwareFloat> where H.Format == F {
    typealias Value = BinaryFloat<F>
    let count = 4096
    let minimumSeconds: Double
    let a: [Value], b: [Value], c: [Value]
    let ha: [H], hb: [H], hc: [H]

    init(minimumSeconds: Double) {
        self.minimumSeconds = minimumSeconds
        a = benchOperands(F.self, count: count, seed: 1)
        b = benchOperands(F.self, count: count, seed: 2)
        c = benchOperands(F.self, count: count, seed: 3, positive: true)
        ha = a.map { H(bitPattern: $0.bits) }
        hb = b.map { H(bitPattern: $0.bits) }
        hc = c.map { H(bitPattern: $0.bits) }
    }

    @inline(__always)
    func measure(_ body: () -> UInt64) -> Double {
        measureThroughput(operations: count, minimumSeconds: minimumSeconds, body)
    }

    /// SoftFloat: `op` over the operand arrays, flags accumulating in one environment.
    /// (Inlined, so each operation's closure inlines into its own loop.)
    @inline(__always)
    func soft(_ op: (Value, Value, Value, inout FloatEnvironment) -> Value) -> Double {
        measure {
            var env = FloatEnvironment()
            var sink: UInt64 = 0
            let a = opaque(a)
            let b = opaque(b)
            let c = opaque(c)
            for i in 0..<count { sink ^= UInt64(op(a[i], b[i], c[i], &env).bits) }
            return sink ^ UInt64(env.flags.rawValue)
        }
    }

    /// The MPFR oracle: bits in, bits out.
    @inline(__always)
    func oracle(_ op: (Oracle, Value, Value, Value) -> Value) -> Double {
        let oracle = Oracle()
        return measure {
            var sink: UInt64 = 0
            let a = opaque(a)
            let b = opaque(b)
            let c = opaque(c)
            for i in 0..<count { sink ^= UInt64(op(oracle, a[i], b[i], c[i]).bits) }
            return sink
        }
    }

    /// The host's own arithmetic on the same values.
    @inline(__always)
    func hardware(_ op: (H, H, H) -> H) -> Double {
        measure {
            var sink: UInt64 = 0
            let ha = opaque(ha)
            let hb = opaque(hb)
            let hc = opaque(hc)
            for i in 0..<count { sink ^= UInt64(op(ha[i], hb[i], hc[i]).bitPattern) }
            return sink
        }
    }

    func row(_ name: String, _ soft: Double, _ mpfr: Double, _ hardware: Double) -> SoftFloatBenchmarkRow {
        SoftFloatBenchmarkRow(operation: name, format: F.name, softFloat: soft, mpfr: mpfr, hardware: hardware)
    }

    func rows() -> [SoftFloatBenchmarkRow] {
        let rne = RoundingRule.toNearestOrEven
        let after = Tininess.afterRounding
        var rows = [
            row(
                "add", soft { x, y, _, e in x.adding(y, in: &e) },
                oracle { o, x, y, _ in o.add(x, y, rounding: rne, tininess: after).value },
                hardware { x, y, _ in x + y }),
            row(
                "sub", soft { x, y, _, e in x.subtracting(y, in: &e) },
                oracle { o, x, y, _ in o.subtract(x, y, rounding: rne, tininess: after).value },
                hardware { x, y, _ in x - y }),
            row(
                "mul", soft { x, y, _, e in x.multiplied(by: y, in: &e) },
                oracle { o, x, y, _ in o.multiply(x, y, rounding: rne, tininess: after).value },
                hardware { x, y, _ in x * y }),
            row(
                "div", soft { x, y, _, e in x.divided(by: y, in: &e) },
                oracle { o, x, y, _ in o.divide(x, y, rounding: rne, tininess: after).value },
                hardware { x, y, _ in x / y }),
            row(
                "sqrt", soft { _, _, z, e in z.squareRoot(in: &e) },
                oracle { o, _, _, z in o.squareRoot(z, rounding: rne, tininess: after).value },
                hardware { _, _, z in z.squareRoot() }),
            row(
                "fma", soft { x, y, z, e in x.fusedMultiplyAdd(y, z, in: &e) },
                oracle { o, x, y, z in o.fusedMultiplyAdd(x, y, z, rounding: rne, tininess: after).value },
                hardware { x, y, z in z.addingProduct(x, y) }),
        ]
        rows.append(conversionRow())
        return rows
    }

    /// Operations per second of the host's conversion `convert` over `input`, each call
    /// starting at another element so its result differs from the last call's (a pure,
    /// invariant loop would otherwise be computed once).
    @inline(never)
    func hostConversionRate<S>(_ input: [S], _ convert: (S) -> UInt64) -> Double {
        measureThroughput(operations: input.count, minimumSeconds: minimumSeconds) { (call: Int) -> UInt64 in
            var s: UInt64 = 0
            let n = input.count
            let start = call % n
            for i in 0..<n { s = s &* 31 &+ convert(input[(start + i) % n]) }
            return s
        }
    }

    /// Narrowing into F from binary64 (binary64 itself: widening from binary32).
    func conversionRow() -> SoftFloatBenchmarkRow {
        let rne = RoundingRule.toNearestOrEven
        let after = Tininess.afterRounding
        if F.self == Binary64.self {
            let source = benchOperands(Binary32.self, count: count, seed: 4)
            let host = source.map { Float(bitPattern: $0.bits) }
            let o = Oracle()
            return SoftFloatBenchmarkRow(
                operation: "convert from binary32", format: F.name,
                softFloat: measure {
                    var e = FloatEnvironment()
                    var s: UInt64 = 0
                    for x in opaque(source) { s ^= UInt64(x.converted(to: F.self, in: &e).bits) }
                    return s
                },
                mpfr: measure {
                    var s: UInt64 = 0
                    for x in opaque(source) {
                        s ^= UInt64(o.convert(x, to: F.self, rounding: rne, tininess: after).value.bits)
                    }
                    return s
                },
                hardware: hostConversionRate(host) { Double($0).bitPattern })
        }
        let source = benchOperands(Binary64.self, count: count, seed: 4)
        let host = source.map { Double(bitPattern: $0.bits) }
        let o = Oracle()
        return SoftFloatBenchmarkRow(
            operation: "convert from binary64", format: F.name,
            softFloat: measure {
                var e = FloatEnvironment()
                var s: UInt64 = 0
                for x in opaque(source) { s ^= UInt64(x.converted(to: F.self, in: &e).bits) }
                return s
            },
            mpfr: measure {
                var s: UInt64 = 0
                for x in opaque(source) {
                    s ^= UInt64(o.convert(x, to: F.self, rounding: rne, tininess: after).value.bits)
                }
                return s
            },
            hardware: hostConversionRate(host) { UInt64(H($0).bitPattern) })
    }
}
