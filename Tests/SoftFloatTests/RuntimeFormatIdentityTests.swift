import Reference
import SoftFloat
import Foundation
import Testing
import _MPStudySupport

/// A runtime format with the parameters of a compile-time one computes the same bits and
/// flags, operation by operation: the oracle is the compile-time format (itself checked
/// against MPFR elsewhere). Exhaustive over single-operand operations for the formats of at
/// most 16 bits, over every pair for those of at most 8 bits, and over generated hard cases
/// (OperandGenerator) for the rest and for binary32 and binary64.
@Suite struct RuntimeFormatIdentityTests {
    /// Every compile-time format with its runtime twin.
    static let twins: [(FormatKind, RuntimeFormat)] = [
        (.binary16, try! RuntimeFormat(exponentBitCount: 5, fractionBitCount: 10)),
        (.bfloat16, try! RuntimeFormat(exponentBitCount: 8, fractionBitCount: 7)),
        (.binary32, try! RuntimeFormat(exponentBitCount: 8, fractionBitCount: 23)),
        (.binary64, try! RuntimeFormat(exponentBitCount: 11, fractionBitCount: 52)),
        (.e5m2, try! RuntimeFormat(exponentBitCount: 5, fractionBitCount: 2)),
        (.e4m3, try! RuntimeFormat(exponentBitCount: 4, fractionBitCount: 3, hasInfinities: false)),
        (.e2m3, try! RuntimeFormat(exponentBitCount: 2, fractionBitCount: 3, hasInfinities: false, hasNaN: false)),
        (.e3m2, try! RuntimeFormat(exponentBitCount: 3, fractionBitCount: 2, hasInfinities: false, hasNaN: false)),
        (.e2m1, try! RuntimeFormat(exponentBitCount: 2, fractionBitCount: 1, hasInfinities: false, hasNaN: false)),
    ]

    /// The environments every case runs in: each rounding attribute, each tininess rule, and
    /// saturating or not.
    static let environments: [FloatEnvironment] = RoundingRule.allCases.flatMap { rounding in
        Tininess.allCases.flatMap { tininess in
            [false, true].map { FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: $0) }
        }
    }

    @Test(arguments: twins.map { ($0.0, $0.1) })
    func sameBitsAndFlags(_ kind: FormatKind, _ runtime: RuntimeFormat) {
        let width = kind.bitWidth
        // Operand triples: every (a, b) with a drawn c in the formats of at most 6 bits (in all
        // twenty environments); every a with drawn (b, c) up to 16 bits (16 of them at 8 bits),
        // each in one environment in turn; 5,000 drawn triples in binary32 and binary64.
        var triples: [(UInt64, UInt64, UInt64)] = []
        var drawn = kind.visit(DrawnEncodings(count: 1 << 17, seed: 16))
        func draw() -> UInt64 { drawn.removeLast() }
        let every = UInt64(1) << min(width, 16)
        if width <= 6 {
            for a in 0..<every {
                for b in 0..<every { triples.append((a, b, draw())) }
            }
        } else if width <= 16 {
            for a in 0..<every {
                for _ in 0..<(width <= 8 ? 16 : 1) { triples.append((a, draw(), draw())) }
            }
        } else {
            for _ in 0..<5_000 { triples.append((draw(), draw(), draw())) }
        }
        let everyEnvironment = width <= 6
        var mismatches: [String] = []
        for (i, (a, b, c)) in triples.enumerated() {
            let envs = everyEnvironment ? Self.environments : [Self.environments[i % Self.environments.count]]
            for env in envs {
                // The decimal strings (slow) on one triple in 16, and every one of wide formats.
                let decimals = i % 16 == 0 || width > 16
                let expected = kind.visit(Outcomes(a: a, b: b, c: c, env: env, decimals: decimals))
                let actual = runtime.visit(Outcomes(a: a, b: b, c: c, env: env, decimals: decimals))
                guard expected != actual else { continue }
                for (e, r) in zip(expected, actual) where e != r {
                    mismatches.append(
                        "\(e.operation) a=0x\(String(a, radix: 16)) b=0x\(String(b, radix: 16)) "
                            + "c=0x\(String(c, radix: 16)) \(env.rounding.name) \(env.tininess.name) "
                            + "sat=\(env.saturatesOverflow): \(kind.name) \(e.text) runtime \(r.text)")
                }
                if mismatches.count > 20 { break }
            }
            if mismatches.count > 20 { break }
        }
        #expect(mismatches.isEmpty, "\(kind.name) vs \(runtime.name):\n\(mismatches.joined(separator: "\n"))")
        // The format parameters agree too.
        #expect(kind.visit(Parameters()) == runtime.visit(Parameters()))
    }

    /// The binding is scoped: nested bindings shadow and restore, none is left afterwards, and
    /// a thread started inside one does not see it (so DifferentialReport rebinds in workers).
    @Test func bindingIsScoped() throws {
        let format = try RuntimeFormat(exponentBitCount: 6, fractionBitCount: 9)
        #expect(RuntimeFormat.bound == nil)
        RuntimeFormat.withBinding(format) {
            #expect(RuntimeFormatSlot.fractionBitCount == 9)
            let inner = try! RuntimeFormat(exponentBitCount: 3, fractionBitCount: 4)
            RuntimeFormat.withBinding(inner) { #expect(RuntimeFormatSlot.exponentBitCount == 3) }
            #expect(RuntimeFormatSlot.exponentBitCount == 6)
            let seen = UncheckedSendable(UnsafeMutablePointer<RuntimeFormat?>.allocate(capacity: 1))
            defer { seen.value.deallocate() }
            seen.value.initialize(to: format)
            let done = DispatchSemaphore(value: 0)
            let thread = Thread {
                seen.value.pointee = RuntimeFormat.bound
                done.signal()
            }
            thread.start()
            done.wait()
            #expect(seen.value.pointee == nil)
        }
        #expect(RuntimeFormat.bound == nil)
    }
}

/// Drawn encodings of a format (OperandGenerator: exponent boundaries, ties, subnormals,
/// specials), as 64-bit words.
struct DrawnEncodings: FormatVisitor {
    let count: Int
    let seed: UInt64
    func visit<F: BinaryFormat>(_: F.Type) -> [UInt64] {
        var generator = OperandGenerator<F>(seed: seed)
        return (0..<count).map { _ in UInt64(generator.operand().bits) }
    }
}

/// The parameters of a format as numbers.
struct Parameters: FormatVisitor {
    func visit<F: BinaryFormat>(_: F.Type) -> [Int] {
        [
            F.bitWidth, F.exponentBitCount, F.fractionBitCount, F.bias, F.precision, F.minExponent, F.maxExponent,
            F.hasInfinities ? 1 : 0, F.hasNaN ? 1 : 0, F.maxExponentField,
        ]
    }
}

/// One operation's result: its bits (or a comparison, an integer, a decimal string) and flags.
struct Outcome: Equatable {
    var operation: String
    var value: UInt64
    var string = ""
    var flags: ExceptionFlags
    var text: String { "0x\(String(value, radix: 16)) \(string) flags 0x\(String(flags.rawValue, radix: 16))" }
}

/// Every operation of SoftFloat on the encodings a, b, c (the low bits of each, as the
/// format's width) in `env`, each as the result's encoding and the flags raised; the decimal
/// strings (shortest, exact, parsed back) when `decimals`.
struct Outcomes: FormatVisitor {
    let a: UInt64, b: UInt64, c: UInt64
    let env: FloatEnvironment
    var decimals = false

    func visit<F: BinaryFormat>(_: F.Type) -> [Outcome] {
        typealias V = BinaryFloat<F>
        let mask: UInt64 = F.bitWidth == 64 ? ~0 : (1 << UInt64(F.bitWidth)) - 1
        let x = V(bits: F.Bits(truncatingIfNeeded: a & mask))
        let y = V(bits: F.Bits(truncatingIfNeeded: b & mask))
        let z = V(bits: F.Bits(truncatingIfNeeded: c & mask))
        var out: [Outcome] = []
        func record(_ name: String, _ body: (inout FloatEnvironment) -> UInt64) {
            var e = env
            let value = body(&e)
            out.append(Outcome(operation: name, value: value, flags: e.flags))
        }
        func hex<G>(_ v: BinaryFloat<G>) -> UInt64 { UInt64(v.bits) }
        func number(_ b: Bool) -> UInt64 { b ? 1 : 0 }
        record("add") { hex(x.adding(y, in: &$0)) }
        record("sub") { hex(x.subtracting(y, in: &$0)) }
        record("mul") { hex(x.multiplied(by: y, in: &$0)) }
        record("div") { hex(x.divided(by: y, in: &$0)) }
        record("sqrt") { hex(x.squareRoot(in: &$0)) }
        record("fma") { hex(x.fusedMultiplyAdd(y, z, in: &$0)) }
        record("remainder") { hex(x.remainder(dividingBy: y, in: &$0)) }
        record("roundToIntegral") { hex(x.rounded(env.rounding, in: &$0)) }
        record("roundToIntegralExact") { hex(x.roundedToIntegralExact(in: &$0)) }
        record("nextUp") { hex(x.nextUp(in: &$0)) }
        record("nextDown") { hex(x.nextDown(in: &$0)) }
        record("logB") { hex(x.logB(in: &$0)) }
        record("scaleB") { hex(x.scaled(byPowerOfTwo: Int(Int8(truncatingIfNeeded: c)), in: &$0)) }
        record("negate") { hex(x.negated(in: &$0)) }
        record("abs") { _ in hex(x.absoluteValue) }
        record("copySign") { _ in hex(x.copyingSign(of: y)) }
        record("minimum") { hex(x.minimum(y, in: &$0)) }
        record("maximumNumber") { hex(x.maximumNumber(y, in: &$0)) }
        record("minimumMagnitude") { hex(x.minimumMagnitude(y, in: &$0)) }
        record("maximumMagnitudeNumber") { hex(x.maximumMagnitudeNumber(y, in: &$0)) }
        record("compare") {
            switch x.compare(y, signaling: c & 1 == 0, in: &$0) {
            case .less: 0
            case .equal: 1
            case .greater: 2
            case .unordered: 3
            }
        }
        record("totalOrder") { _ in number(x.totalOrder(y)) }
        record("class") { _ in UInt64(FloatClass.allCases.firstIndex(of: x.floatClass)!) }
        record("toInt32") {
            UInt64(
                bitPattern: Int64(
                    x.converted(toInteger: Int32.self, rounding: env.rounding, exact: c & 2 == 0, in: &$0)))
        }
        record("toUInt64") { x.converted(toInteger: UInt64.self, rounding: env.rounding, exact: c & 4 == 0, in: &$0) }
        record("fromInt64") { hex(V(Int64(bitPattern: c), in: &$0)) }
        record("fromDouble") { hex(BinaryFloat<Binary64>(bits: c).converted(to: F.self, in: &$0)) }
        record("toBinary16") { hex(x.converted(to: Binary16.self, in: &$0)) }
        record("toBinary32") { hex(x.converted(to: Binary32.self, in: &$0)) }
        record("toBinary64") { hex(x.converted(to: Binary64.self, in: &$0)) }
        record("toBFloat16") { hex(x.converted(to: BFloat16.self, in: &$0)) }
        record("toE4M3") { hex(x.converted(to: Float8E4M3.self, in: &$0)) }
        record("toE5M2") { hex(x.converted(to: Float8E5M2.self, in: &$0)) }
        record("toE2M1") { hex(x.converted(to: Float4E2M1.self, in: &$0)) }
        record("toE8M0") { hex(x.converted(to: Float8E8M0.self, in: &$0)) }
        record("toSelf") { hex(x.converted(to: F.self, in: &$0)) }
        var rng = SeededGenerator(seed: c)
        record("stochasticAdd") { hex(x.adding(y, stochasticallyUsing: &rng, in: &$0)) }
        if decimals {
            out.append(Outcome(operation: "shortest", value: 0, string: x.shortestDescription, flags: []))
            out.append(Outcome(operation: "exact", value: 0, string: x.exactDecimal, flags: []))
            record("parseShortest") { (try? V(parsing: x.shortestDescription, in: &$0)).map(hex) ?? 1 << 63 }
        }
        return out
    }
}
