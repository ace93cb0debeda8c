import Dispatch

/// Operations per second of `body`, which performs `operations` operations per call and
/// returns a value folded into a sink so the work cannot be optimised away. Calls repeat
/// until `minimumSeconds` have passed; the best of `rounds` (five) such rounds is reported, which
/// is the least disturbed by other work on the machine.
@inline(never)
public func measureThroughput(
    operations: Int, minimumSeconds: Double = 0.05, rounds: Int = 5, _ body: () -> UInt64
) -> Double {
    measureThroughput(operations: operations, minimumSeconds: minimumSeconds, rounds: rounds) { _ in body() }
}

/// `measureThroughput`, handing `body` the number of the call: a body whose work is pure can
/// start at a rotating offset so that no call's result equals the last one's (the optimiser
/// may otherwise compute a loop-invariant body once).
@inline(never)
public func measureThroughput(
    operations: Int, minimumSeconds: Double = 0.05, rounds: Int = 5, _ body: (Int) -> UInt64
) -> Double {
    var best = 0.0
    var sink: UInt64 = 0
    for _ in 0..<rounds {
        var calls = 0
        let start = DispatchTime.now().uptimeNanoseconds
        var elapsed = 0.0
        repeat {
            sink ^= body(calls)
            calls += 1
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } while elapsed < minimumSeconds
        best = max(best, Double(calls * operations) / elapsed)
    }
    blackHole(sink)
    return best
}

/// Keeps `x` alive as far as the optimiser can tell.
@inline(never)
public func blackHole<T>(_ x: T) {}

/// `x`, through a call the optimiser cannot see into: a timed body that reads its operands
/// through it must recompute on every call (no hoisting of pure work out of the timing loop).
/// `@_optimize(none)` also keeps LLVM from inferring that the call has no effects, which
/// `@inline(never)` alone does not.
@inline(never) @_optimize(none)
public func opaque<T>(_ x: T) -> T { x }
