import Dispatch

extension DifferentialReport {
    /// Runs `parts` independent pieces of a check on all cores and merges their reports in
    /// part order (so the kept mismatches do not depend on scheduling), timing the whole.
    public static func gathered(parts: Int, _ part: (Int) -> DifferentialReport) -> DifferentialReport {
        let slots = UnsafeMutableBufferPointer<DifferentialReport>.allocate(capacity: parts)
        slots.initialize(repeating: DifferentialReport())
        defer { slots.deallocate() }
        nonisolated(unsafe) let results = slots
        let start = DispatchTime.now()
        withoutActuallyEscaping(part) { part in
            nonisolated(unsafe) let part = part
            DispatchQueue.concurrentPerform(iterations: parts) { index in results[index] = part(index) }
        }
        var total = DifferentialReport()
        for r in results { total.merge(r) }
        total.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return total
    }
}
