import Foundation

/// Runs `work` on a thread with a large stack and waits for it. `calc` evaluates (and frees)
/// its expression tree recursively, one level per operation; the main thread's 8 MiB stack
/// would overflow on a sum of a few thousand terms, so the recursion gets 1 GiB of address
/// space (pages are committed only as they are touched).
public func onLargeStack<T: Sendable>(_ work: @escaping @Sendable () throws -> T) throws -> T {
    let outcome = LargeStackOutcome<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        outcome.result = Result { try work() }
        done.signal()
    }
    thread.stackSize = 1 << 30
    thread.start()
    done.wait()
    return try outcome.result!.get()
}

/// The worker's result: written by the worker before it signals, read after the wait.
private final class LargeStackOutcome<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
