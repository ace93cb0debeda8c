//===--- ChartScale.swift -------------------------------------------------===//
//
// Data values to pixels along one axis (linear or logarithmic), and where its ticks go.
//
//===----------------------------------------------------------------------===//

/// One axis mapping: `value` in `lower...upper` goes linearly (or linearly in log_base) to
/// the pixels `start...end`. For a y axis `start` is the bottom of the plot, so `end < start`.
///
/// position(v) = start + (f(v) - f(lower)) / (f(upper) - f(lower)) · (end - start), with
/// f(v) = v (linear) or log_base(v) (log; v must be positive).
struct ChartScale: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case linear
        case log(base: Double)
    }

    let kind: Kind
    let lower: Double
    let upper: Double
    let start: Double
    let end: Double

    init(_ kind: Kind, lower: Double, upper: Double, start: Double, end: Double) {
        precondition(upper > lower, "empty scale domain \(lower)...\(upper)")
        if case .log = kind { precondition(lower > 0, "log scale domain must be positive") }
        self.kind = kind
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
    }

    /// f(v): the value in the coordinate the scale is linear in.
    func transformed(_ value: Double) -> Double {
        switch kind {
        case .linear: value
        case .log(let base): Self.logarithm(value, base: base)
        }
    }

    /// The pixel of `value` (outside the domain it extrapolates; callers clamp where needed).
    func position(_ value: Double) -> Double {
        let low = transformed(lower)
        let high = transformed(upper)
        return start + (transformed(value) - low) / (high - low) * (end - start)
    }

    /// `position(value)` clamped to the pixel range.
    func clampedPosition(_ value: Double) -> Double {
        let p = position(value)
        return min(max(p, min(start, end)), max(start, end))
    }

    /// Whether `value` lies in the domain.
    func contains(_ value: Double) -> Bool { value >= lower && value <= upper }

    /// Tick values: for a log scale the integer powers of the base in the domain, every k-th
    /// (k the smallest of 1, 2, 4, 8, … in base 2, of 1, 2, 3, 5, 10, 20, … otherwise, giving
    /// at most `maxCount`), at multiples of k so that `2⁻²⁴`-style labels stay on round
    /// exponents; for a linear scale, multiples of the step ``niceStep(span:maxCount:steps:)`` picks.
    func ticks(maxCount: Int, steps: NiceSteps = .decimal) -> [Double] {
        switch kind {
        case .log(let base):
            return Self.powerTicks(
                lowExponent: Int((transformed(lower) - 1e-9).rounded(.up)),
                highExponent: Int((transformed(upper) + 1e-9).rounded(.down)),
                maxCount: maxCount, binary: base == 2
            ).map { Self.power(base, $0) }
        case .linear:
            let step = Self.niceStep(span: upper - lower, maxCount: maxCount, steps: steps)
            let first = Int((lower / step - 1e-9).rounded(.up))
            let last = Int((upper / step + 1e-9).rounded(.down))
            return first <= last ? (first...last).map { Double($0) * step } : []
        }
    }

    /// The exponents of ``ticks(maxCount:steps:)`` on a log scale.
    static func powerTicks(lowExponent: Int, highExponent: Int, maxCount: Int, binary: Bool = false) -> [Int] {
        guard lowExponent <= highExponent else { return [] }
        var every = 1
        for candidate in binary ? [1, 2, 4, 8, 16, 32, 64, 128] : [1, 2, 3, 5, 10, 20, 25, 50, 100] {
            every = candidate
            let count = (lowExponent...highExponent).filter { $0 % candidate == 0 }.count
            if count <= max(1, maxCount) { break }
        }
        return (lowExponent...highExponent).filter { $0 % every == 0 }
    }

    /// Which multiples a linear axis may step by.
    enum NiceSteps: Sendable {
        /// 1, 2, 5 × 10^k.
        case decimal
        /// 1, 2, 5 × 10^k but never below 1 (steps, counts).
        case integer
        /// Powers of two, at least 1 (binade exponents: ticks at multiples of 4, 8, 16).
        case binary
    }

    /// The smallest allowed step that gives at most `maxCount` intervals over `span`.
    static func niceStep(span: Double, maxCount: Int, steps: NiceSteps) -> Double {
        // A hair below the exact quotient: 0.6000000000000001 / 6 must still take step 0.1.
        let raw = span / Double(max(1, maxCount)) * (1 - 1e-9)
        switch steps {
        case .binary:
            var step = 1.0
            while step < raw { step *= 2 }
            return step
        case .decimal, .integer:
            var magnitude = 1.0
            while magnitude * 10 <= raw { magnitude *= 10 }
            while magnitude > raw { magnitude /= 10 }
            var step = magnitude
            for factor in [1.0, 2, 5, 10] where magnitude * factor >= raw {
                step = magnitude * factor
                break
            }
            return steps == .integer ? max(1, step) : step
        }
    }

    /// `lower...upper` widened to multiples of the nice step for `maxCount` ticks.
    static func niceDomain(_ low: Double, _ high: Double, maxCount: Int, steps: NiceSteps = .decimal) -> ClosedRange<
        Double
    > {
        var low = low
        var high = high
        if high <= low {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = niceStep(span: high - low, maxCount: maxCount, steps: steps)
        return ((low / step + 1e-9).rounded(.down) * step)...((high / step - 1e-9).rounded(.up) * step)
    }

    /// `base` to an integer power, exactly for powers of two and ten in range.
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent.magnitude { result *= base }
        return exponent < 0 ? 1 / result : result
    }

    /// log_base(value) (exact for powers of two in base 2).
    static func logarithm(_ value: Double, base: Double) -> Double {
        base == 2 ? log2(value) : log2(value) / log2(base)
    }

    /// log2 of a positive double: the exponent from the bits plus a series for the fraction,
    /// without libm (so that Foundation-free code gives the same digits everywhere).
    static func log2(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value == 0 ? -.infinity : .nan }
        let exponent = Double(value.exponent)
        let m = value.significand  // in [1, 2)
        // log2(m) = 2/ln2 · atanh((m - 1) / (m + 1)), series in t² with |t| <= 1/3.
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var term = t
        var sum = 0.0
        var k = 1.0
        while k < 60 {
            sum += term / k
            term *= t2
            k += 2
        }
        return exponent + 2 * sum / 0.693_147_180_559_945_3
    }
}
