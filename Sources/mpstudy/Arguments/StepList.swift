//===--- StepList.swift ---------------------------------------------------===//
//
// `--dump-tensors 1,3,10-12`: training steps named on the command line.
//
//===----------------------------------------------------------------------===//

import ArgumentParser

/// Training steps as the command line writes them: comma-separated items, each a step or an
/// ascending range `a-b` (both ends included). Steps are analyze's, 1-based as in steps.csv.
enum StepList {
    /// At most this many steps (a typo like `1-1000000000` must not be taken as meant).
    static let maximumCount = 1_000_000

    /// The steps of `text` (a repeated step is refused); `option` names the option in errors.
    static func parse(_ text: String, option: String) throws(ValidationError) -> Set<Int> {
        func fail(_ problem: String) -> ValidationError { ValidationError("--\(option) '\(text)': \(problem)") }
        var steps = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let part = item.trimmingCharacters(in: " ")
            guard !part.isEmpty else { throw fail("an empty item") }
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count <= 2, let low = Int(ends[0]), let high = Int(ends.count == 2 ? ends[1] : ends[0]),
                low >= 1
            else { throw fail("'\(part)' is not a step (1 or more) or a range like 10-12") }
            guard low <= high else { throw fail("the range \(low)-\(high) runs backwards; write \(high)-\(low)") }
            guard high - low < maximumCount - steps.count else { throw fail("more than \(maximumCount) steps") }
            for step in low...high {
                guard steps.insert(step).inserted else { throw fail("step \(step) is listed twice") }
            }
        }
        return steps
    }
}

extension Substring {
    /// Without leading and trailing `character`s.
    fileprivate func trimmingCharacters(in character: Character) -> Substring {
        var s = self
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return s
    }
}
