import Foundation
import Synchronization

/// Ends the run if one input takes longer than `limit` seconds (a hang: the script records
/// it and resumes after it). The worker publishes the index it is on and when it started;
/// a background thread looks every 100 ms. Both are atomics, shared through this object.
final class Watchdog: Sendable {
    /// The input being run (-1: none) and its start, in nanoseconds of the monotonic clock.
    private let index = Atomic<Int>(-1)
    private let started = Atomic<UInt64>(0)
    let limit: Double

    init(limit: Double) {
        self.limit = limit
        let thread = Thread { [self] in watch() }
        thread.start()
    }

    /// Marks the start of input `i`.
    func begin(_ i: Int) {
        started.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        index.store(i, ordering: .releasing)
    }

    private func watch() {
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            let i = index.load(ordering: .acquiring)
            guard i >= 0 else { continue }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds &- started.load(ordering: .relaxed)) / 1e9
            if elapsed > limit {
                FileHandle.standardError.write(Data("hang \(i): over \(limit) s\n".utf8))
                exit(3)
            }
        }
    }
}
