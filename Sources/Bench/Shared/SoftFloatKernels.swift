import SoftFloat

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Shared with scripts/bench-vs-berkeley's Swift harness (symlinked there), so that
// `mpstudy bench softfloat` and the harness time the very same loops. Each loop is generic over
// a kernel type and the format, specialised per use: no closures or existentials per element,
// one environment per pass, every result stored to an output array.

/// One arithmetic operation as a static function, so that a generic loop specialises to a direct call.
protocol ArithmeticKernel {
    static func apply<F: BinaryFormat>(
        _ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _ c: BinaryFloat<F>, _ env: inout FloatEnvironment
    ) -> BinaryFloat<F>
}

enum AddKernel: ArithmeticKernel {
    @inline(__always)
    static func apply<F>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _: BinaryFloat<F>, _ env: inout FloatEnvironment)
        -> BinaryFloat<F>
    { a.adding(b, in: &env) }
}
enum SubKernel: ArithmeticKernel {
    @inline(__always)
    static func apply<F>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _: BinaryFloat<F>, _ env: inout FloatEnvironment)
        -> BinaryFloat<F>
    { a.subtracting(b, in: &env) }
}
enum MulKernel: ArithmeticKernel {
    @inline(__always)
    static func apply<F>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _: BinaryFloat<F>, _ env: inout FloatEnvironment)
        -> BinaryFloat<F>
    { a.multiplied(by: b, in: &env) }
}
enum DivKernel: ArithmeticKernel {
    @inline(__always)
    static func apply<F>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _: BinaryFloat<F>, _ env: inout FloatEnvironment)
        -> BinaryFloat<F>
    { a.divided(by: b, in: &env) }
}
enum SqrtKernel: ArithmeticKernel {
    @inline(__always)
    static func apply<F>(_: BinaryFloat<F>, _: BinaryFloat<F>, _ c: BinaryFloat<F>, _ env: inout FloatEnvironment)
        -> BinaryFloat<F>
    { c.squareRoot(in: &env) }
}
enum FMAKernel: ArithmeticKernel {
    @inline(__always)
    static func apply<F>(_ a: BinaryFloat<F>, _ b: BinaryFloat<F>, _ c: BinaryFloat<F>, _ env: inout FloatEnvironment)
        -> BinaryFloat<F>
    { a.fusedMultiplyAdd(b, c, in: &env) }
}

/// Runs the benchmark cells on SoftFloat: timed passes and per-operand checks.
public enum SoftFloatRunner {
    /// One pass of `cell` over `set`: every result stored to `out` (room for `set.count` results of
    /// `cell.resultByteWidth` bytes), flags accumulated in one environment and returned.
    public static func pass(_ cell: BenchCell, _ set: OperandSet, into out: UnsafeMutableRawPointer) -> UInt8 {
        dispatch(cell, set, out, flags: nil)
    }

    /// `cell` over `set` one operand at a time, each in a fresh environment: results to `out`,
    /// each operation's flags to `flags` (ExceptionFlags raw values).
    public static func check(
        _ cell: BenchCell, _ set: OperandSet, into out: UnsafeMutableRawPointer, flags: UnsafeMutablePointer<UInt8>
    ) {
        _ = dispatch(cell, set, out, flags: flags)
    }

    /// Operations per second of `cell` over `set`: one untimed pass, then passes until `seconds`
    /// of this thread's CPU time have passed (at least one). CPU time, not wall time: on a shared
    /// machine the time the scheduler gives to other jobs would otherwise count as ours (the C
    /// harness measures the same way). `checksum` receives a hash of the last pass's results.
    public static func measure(
        _ cell: BenchCell, _ set: OperandSet, seconds: Double, out: UnsafeMutableRawPointer, checksum: inout UInt64
    ) -> Double {
        var flags = pass(cell, set, into: out)
        var passes = 0
        let start = threadCPUSeconds()
        var elapsed = 0.0
        repeat {
            flags |= pass(cell, set, into: out)
            passes += 1
            elapsed = threadCPUSeconds() - start
        } while elapsed < seconds
        checksum = resultChecksum(out, count: set.count, byteWidth: cell.resultByteWidth) ^ UInt64(flags) << 56
        return Double(passes * set.count) / elapsed
    }

    /// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID), in seconds.
    public static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// FNV-1a over the result words: equal in both harnesses when the results are.
    public static func resultChecksum(_ out: UnsafeRawPointer, count: Int, byteWidth: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<count {
            var w: UInt64 = 0
            switch byteWidth {
            case 2: w = UInt64(out.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
            case 4: w = UInt64(out.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
            default: w = out.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
            }
            h = (h ^ w) &* 0x100_0000_01b3
        }
        return h & 0x00FF_FFFF_FFFF_FFFF
    }

    static func dispatch(
        _ cell: BenchCell, _ set: OperandSet, _ out: UnsafeMutableRawPointer, flags: UnsafeMutablePointer<UInt8>?
    ) -> UInt8 {
        switch cell.kind {
        case .arithmetic(let op, .binary16): arithmetic(op, set.half, out, flags)
        case .arithmetic(let op, .binary32): arithmetic(op, set.single, out, flags)
        case .arithmetic(let op, .binary64): arithmetic(op, set.double, out, flags)
        case .conversion(.f32ToF16): convert(set.single.a, to: Binary16.self, out, flags)
        case .conversion(.f16ToF32): convert(set.half.a, to: Binary32.self, out, flags)
        case .conversion(.f64ToF32): convert(set.double.a, to: Binary32.self, out, flags)
        case .conversion(.f64ToF16): convert(set.double.a, to: Binary16.self, out, flags)
        case .conversion(.f32ToBF16): convert(set.single.a, to: BFloat16.self, out, flags)
        case .conversion(.bf16ToF32): convert(set.brain.a, to: Binary32.self, out, flags)
        }
    }

    static func arithmetic<F: BinaryFormat>(
        _ op: BenchOperation, _ t: OperandTriple<F>, _ out: UnsafeMutableRawPointer,
        _ flags: UnsafeMutablePointer<UInt8>?
    ) -> UInt8 {
        switch op {
        case .add: loop(AddKernel.self, t, out, flags)
        case .sub: loop(SubKernel.self, t, out, flags)
        case .mul: loop(MulKernel.self, t, out, flags)
        case .div: loop(DivKernel.self, t, out, flags)
        case .sqrt: loop(SqrtKernel.self, t, out, flags)
        case .fma: loop(FMAKernel.self, t, out, flags)
        }
    }

    /// The timed loop (no `flags`) or the checking loop of one arithmetic kernel.
    @inline(never)
    static func loop<K: ArithmeticKernel, F: BinaryFormat>(
        _: K.Type, _ t: OperandTriple<F>, _ raw: UnsafeMutableRawPointer, _ flags: UnsafeMutablePointer<UInt8>?
    ) -> UInt8 {
        let out = raw.assumingMemoryBound(to: BinaryFloat<F>.self)
        return t.a.withUnsafeBufferPointer { a in
            t.b.withUnsafeBufferPointer { b in
                t.c.withUnsafeBufferPointer { c in
                    let n = a.count
                    guard let flags else {
                        var env = FloatEnvironment()
                        for i in 0..<n { out[i] = K.apply(a[i], b[i], c[i], &env) }
                        return env.flags.rawValue
                    }
                    for i in 0..<n {
                        var env = FloatEnvironment()
                        out[i] = K.apply(a[i], b[i], c[i], &env)
                        flags[i] = env.flags.rawValue
                    }
                    return 0
                }
            }
        }
    }

    /// The timed or checking loop of one conversion.
    @inline(never)
    static func convert<S: BinaryFormat, T: BinaryFormat>(
        _ source: [BinaryFloat<S>], to _: T.Type, _ raw: UnsafeMutableRawPointer, _ flags: UnsafeMutablePointer<UInt8>?
    ) -> UInt8 {
        let out = raw.assumingMemoryBound(to: BinaryFloat<T>.self)
        return source.withUnsafeBufferPointer { a in
            guard let flags else {
                var env = FloatEnvironment()
                for i in 0..<a.count { out[i] = a[i].converted(to: T.self, in: &env) }
                return env.flags.rawValue
            }
            for i in 0..<a.count {
                var env = FloatEnvironment()
                out[i] = a[i].converted(to: T.self, in: &env)
                flags[i] = env.flags.rawValue
            }
            return 0
        }
    }
}
