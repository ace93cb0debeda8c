#if arch(x86_64) && canImport(Glibc)
    import Glibc
    import Testing
    import SoftFloat
    @testable import Reference
    import _MPStudySupport

    /// The oracle against the host's SSE arithmetic on random binary32 and binary64 operands, in
    /// the four rounding directions the hardware has, flags included.
    ///
    /// An independent check of the whole MPFR pipeline (exponent range, subnormalize, derived
    /// overflow, underflow and invalid): SSE is IEEE 754 with tininess detected after rounding,
    /// its flags are read with `fetestexcept`, and NaN results compare by NaN-ness only.
    @Suite struct HardwareCrossCheckTests {
        /// glibc's x86 `fesetround` arguments (the MXCSR RC field shifted down by 3; the names
        /// import ambiguously from Glibc, so the values are spelled out).
        static let modes: [(RoundingRule, Int32)] = [
            (.toNearestOrEven, 0x000), (.down, 0x400), (.up, 0x800), (.towardZero, 0xC00),
        ]

        @Test(arguments: ["add", "sub", "mul", "div", "sqrt", "fma", "convert"])
        func binary32And64AgreeWithSSE(operation: String) {
            let oracle = Oracle()
            var random = SeededGenerator(seed: UInt64(operation.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
            var failures = 0
            for (rule, mode) in Self.modes {
                for _ in 0..<20_000 {
                    let a32 = randomBits32(&random)
                    let b32 = nearby32(a32, &random)
                    let c32 = randomBits32(&random)
                    let a64 = randomBits64(&random)
                    let b64 = nearby64(a64, &random)
                    let c64 = randomBits64(&random)
                    let (x, y, z) = (SoftFloat32(bits: a32), SoftFloat32(bits: b32), SoftFloat32(bits: c32))
                    let (u, v, w) = (SoftFloat64(bits: a64), SoftFloat64(bits: b64), SoftFloat64(bits: c64))
                    let expected32: OracleResult<Binary32>
                    let expected64: OracleResult<Binary64>
                    let hardware32: (UInt32, ExceptionFlags)
                    let hardware64: (UInt64, ExceptionFlags)
                    switch operation {
                    case "add":
                        expected32 = oracle.add(x, y, rounding: rule, tininess: .afterRounding)
                        expected64 = oracle.add(u, v, rounding: rule, tininess: .afterRounding)
                        hardware32 = sse(mode) { (Float(bitPattern: a32) + Float(bitPattern: b32)).bitPattern }
                        hardware64 = sse(mode) { (Double(bitPattern: a64) + Double(bitPattern: b64)).bitPattern }
                    case "sub":
                        expected32 = oracle.subtract(x, y, rounding: rule, tininess: .afterRounding)
                        expected64 = oracle.subtract(u, v, rounding: rule, tininess: .afterRounding)
                        hardware32 = sse(mode) { (Float(bitPattern: a32) - Float(bitPattern: b32)).bitPattern }
                        hardware64 = sse(mode) { (Double(bitPattern: a64) - Double(bitPattern: b64)).bitPattern }
                    case "mul":
                        expected32 = oracle.multiply(x, z, rounding: rule, tininess: .afterRounding)
                        expected64 = oracle.multiply(u, w, rounding: rule, tininess: .afterRounding)
                        hardware32 = sse(mode) { (Float(bitPattern: a32) * Float(bitPattern: c32)).bitPattern }
                        hardware64 = sse(mode) { (Double(bitPattern: a64) * Double(bitPattern: c64)).bitPattern }
                    case "div":
                        expected32 = oracle.divide(x, z, rounding: rule, tininess: .afterRounding)
                        expected64 = oracle.divide(u, w, rounding: rule, tininess: .afterRounding)
                        hardware32 = sse(mode) { (Float(bitPattern: a32) / Float(bitPattern: c32)).bitPattern }
                        hardware64 = sse(mode) { (Double(bitPattern: a64) / Double(bitPattern: c64)).bitPattern }
                    case "sqrt":
                        expected32 = oracle.squareRoot(x, rounding: rule, tininess: .afterRounding)
                        expected64 = oracle.squareRoot(u, rounding: rule, tininess: .afterRounding)
                        hardware32 = sse(mode) { Float(bitPattern: a32).squareRoot().bitPattern }
                        hardware64 = sse(mode) { Double(bitPattern: a64).squareRoot().bitPattern }
                    case "fma":
                        expected32 = oracle.fusedMultiplyAdd(x, z, y, rounding: rule, tininess: .afterRounding)
                        expected64 = oracle.fusedMultiplyAdd(u, w, v, rounding: rule, tininess: .afterRounding)
                        hardware32 = sse(mode) {
                            fmaf(Float(bitPattern: a32), Float(bitPattern: c32), Float(bitPattern: b32)).bitPattern
                        }
                        hardware64 = sse(mode) {
                            fma(Double(bitPattern: a64), Double(bitPattern: c64), Double(bitPattern: b64)).bitPattern
                        }
                    default:
                        // binary64 -> binary32 (cvtsd2ss) and binary32 -> binary64 (cvtss2sd).
                        expected32 = oracle.convert(u, to: Binary32.self, rounding: rule, tininess: .afterRounding)
                        expected64 = oracle.convert(x, to: Binary64.self, rounding: rule, tininess: .afterRounding)
                        hardware32 = sse(mode) { Float(Double(bitPattern: a64)).bitPattern }
                        hardware64 = sse(mode) { Double(Float(bitPattern: a32)).bitPattern }
                    }
                    if !agrees(expected32, hardware32) || !agrees(expected64, hardware64) {
                        failures += 1
                        if failures <= 10 {
                            Issue.record(
                                """
                                \(operation) \(rule): binary32 \(hex(a32)) \(hex(b32)) \(hex(c32)) oracle \(expected32) \
                                hardware \(hex(hardware32.0)) \(hardware32.1); binary64 \(hex(a64)) \(hex(b64)) \(hex(c64)) \
                                oracle \(expected64) hardware \(hex(hardware64.0)) \(hardware64.1)
                                """)
                        }
                    }
                }
            }
            #expect(failures == 0)
        }
    }

    /// Runs `body` under SSE rounding `mode` and returns its result with the flags it raised.
    @inline(never)
    private func sse<T>(_ mode: Int32, _ body: () -> T) -> (T, ExceptionFlags) {
        let previous = fegetround()
        fesetround(mode)
        // glibc x86: FE_INVALID 0x01, FE_DIVBYZERO 0x04, FE_OVERFLOW 0x08, FE_UNDERFLOW 0x10,
        // FE_INEXACT 0x20 (the denormal-operand flag 0x02 is not an IEEE flag).
        let all: Int32 = 0x3D
        feclearexcept(all)
        let value = body()
        let raised = fetestexcept(all)
        fesetround(previous)
        var flags: ExceptionFlags = []
        if raised & 0x01 != 0 { flags.insert(.invalid) }
        if raised & 0x04 != 0 { flags.insert(.divisionByZero) }
        if raised & 0x08 != 0 { flags.insert(.overflow) }
        if raised & 0x10 != 0 { flags.insert(.underflow) }
        if raised & 0x20 != 0 { flags.insert(.inexact) }
        return (value, flags)
    }

    private func agrees<F: BinaryFormat, B: FixedWidthInteger>(
        _ expected: OracleResult<F>, _ hardware: (B, ExceptionFlags)
    ) -> Bool {
        let actual = BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: hardware.0))
        let sameValue = expected.value.isNaN ? actual.isNaN : expected.value.bits == actual.bits
        return sameValue && expected.flags == hardware.1
    }

    private func hex<B: FixedWidthInteger>(_ bits: B) -> String { "0x" + String(bits, radix: 16) }

    /// Random binary32 encodings biased toward the edges: every exponent field equally likely
    /// (so subnormals, near-overflow values, infinities and NaNs are common), and fractions that
    /// are often all zeros, all ones, or a single bit.
    private func randomBits32(_ random: inout SeededGenerator) -> UInt32 {
        UInt32(truncatingIfNeeded: randomEncoding(exponentBits: 8, fractionBits: 23, &random))
    }

    private func randomBits64(_ random: inout SeededGenerator) -> UInt64 {
        randomEncoding(exponentBits: 11, fractionBits: 52, &random)
    }

    private func randomEncoding(exponentBits: Int, fractionBits: Int, _ random: inout SeededGenerator) -> UInt64 {
        let sign = random.next() & 1
        let maxField = (UInt64(1) << UInt64(exponentBits)) - 1
        let field: UInt64
        switch random.next() % 8 {
        case 0: field = [0, 1, 2, maxField - 1, maxField][Int(random.next() % 5)]
        case 1: field = UInt64(fractionBits) + random.next() % 8  // products/quotients near the subnormal range
        default: field = random.next() & maxField
        }
        let mask = (UInt64(1) << UInt64(fractionBits)) - 1
        let fraction: UInt64
        switch random.next() % 6 {
        case 0: fraction = 0
        case 1: fraction = mask
        case 2: fraction = UInt64(1) << (random.next() % UInt64(fractionBits))
        case 3: fraction = mask ^ (UInt64(1) << (random.next() % UInt64(fractionBits)))
        default: fraction = random.next() & mask
        }
        return sign << UInt64(exponentBits + fractionBits) | field << UInt64(fractionBits) | fraction
    }

    /// A second operand whose exponent is near `a`'s half the time (cancellation, carries, ties).
    private func nearby32(_ a: UInt32, _ random: inout SeededGenerator) -> UInt32 {
        if random.next() & 1 == 0 { return randomBits32(&random) }
        let delta = UInt32(truncatingIfNeeded: random.next() % 64) << 23
        let b = (a & 0x7FFF_FFFF) &- min(delta, a & 0x7F80_0000)
        return b ^ UInt32(truncatingIfNeeded: random.next() & 0x8000_0001 | random.next() & 0x7)
    }

    private func nearby64(_ a: UInt64, _ random: inout SeededGenerator) -> UInt64 {
        if random.next() & 1 == 0 { return randomBits64(&random) }
        let delta = (random.next() % 128) << 52
        let b = (a & 0x7FFF_FFFF_FFFF_FFFF) &- min(delta, a & 0x7FF0_0000_0000_0000)
        return b ^ (random.next() & 0x8000_0000_0000_0001 | random.next() & 0x7)
    }
#endif
