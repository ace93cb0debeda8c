//===--- StepJSONParser.swift ---------------------------------------------===//
//
// A step of run.json read straight from its bytes, for run.json files of any length.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Analyzer
import Precision

/// Decodes one ``StepRecord`` from its JSON bytes about ten times faster than `JSONDecoder`
/// (which spends most of its time in the `Codable` machinery, per key), giving the same
/// value: the same keys are required or optional, numbers are parsed correctly rounded (as
/// `JSONDecoder` does), non-finite numbers are the strings `"nan"`, `"inf"`, `"-inf"` of
/// ``JSONWriter``.
///
/// It returns nil for anything it does not handle the way `JSONDecoder` would (an unknown
/// key, a repeated key, an escaped key, an integer written with a fraction or exponent, a
/// number with more than 17 significant digits, a float literal whose two roundings disagree,
/// a malformed histogram): the caller then decodes that step with `JSONDecoder`, which either
/// accepts it or names the error. A test compares the two decoders.
enum StepJSONParser {
    /// The step at `range` of `bytes` (a JSON value whose syntax ``JSONOutline`` checked), or nil.
    static func step(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> StepRecord? {
        var r = Reader(bytes, range)
        guard let step = r.stepRecord() else { return nil }
        r.skipWhitespace()
        return r.atEnd ? step : nil
    }

    /// The reader; every method returns nil at the first thing it does not accept.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        let end: Int

        init(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) {
            self.bytes = bytes
            position = range.lowerBound
            end = range.upperBound
        }

        var atEnd: Bool { position >= end }
        var peek: UInt8 { position < end ? bytes[position] : 0 }

        mutating func skipWhitespace() {
            while position < end {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard peek == byte else { return false }
            position += 1
            return true
        }

        // MARK: Objects

        /// Reads `{ "key": value, ... }`, calling `member` with each key (its bytes, without
        /// quotes; escaped keys are refused) positioned at the value; `member` returns false
        /// to refuse. Each key may appear once: `seen` collects the indices `member` reports.
        mutating func object(_ member: (inout Reader, UnsafeRawBufferPointer) -> Int?) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            var seen: UInt64 = 0
            repeat {
                guard take(UInt8(ascii: "\"")) else { return false }
                let start = position
                while position < end, bytes[position] != UInt8(ascii: "\"") {
                    if bytes[position] == UInt8(ascii: "\\") { return false }
                    position += 1
                }
                guard position < end else { return false }
                let key = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                guard take(UInt8(ascii: ":")) else { return false }
                skipWhitespace()
                guard let index = member(&self, key), index < 64, seen & (1 << index) == 0 else { return false }
                seen |= 1 << index
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// `null`, consumed.
        mutating func null() -> Bool {
            guard end - position >= 4, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
                bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
            else { return false }
            position += 4
            return true
        }

        // MARK: Scalars

        /// An integer literal: `-?digits`, no fraction or exponent (those go to `JSONDecoder`).
        mutating func integer<T: FixedWidthInteger>(_: T.Type) -> T? {
            skipWhitespace()
            let negative = peek == UInt8(ascii: "-")
            if negative { position += 1 }
            let start = position
            var value: T = 0
            while position < end, case let digit = bytes[position] &- UInt8(ascii: "0"), digit < 10 {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) =
                    negative
                    ? times10.subtractingReportingOverflow(T(digit)) : times10.addingReportingOverflow(T(digit))
                guard !o1, !o2 else { return nil }
                value = next
                position += 1
            }
            guard position > start, position - start == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
            switch peek {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: return value
            }
        }

        mutating func int() -> Int? { integer(Int.self) }
        mutating func count() -> UInt64? { integer(UInt64.self) }

        mutating func bool() -> Bool? {
            skipWhitespace()
            if end - position >= 4, bytes[position] == UInt8(ascii: "t"), bytes[position + 1] == UInt8(ascii: "r"),
                bytes[position + 2] == UInt8(ascii: "u"), bytes[position + 3] == UInt8(ascii: "e")
            {
                position += 4
                return true
            }
            if end - position >= 5, bytes[position] == UInt8(ascii: "f"), bytes[position + 1] == UInt8(ascii: "a"),
                bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "s"),
                bytes[position + 4] == UInt8(ascii: "e")
            {
                position += 5
                return false
            }
            return nil
        }

        /// A string without escapes (run.json's names have none; others go to `JSONDecoder`).
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < end, bytes[position] != UInt8(ascii: "\"") {
                if bytes[position] == UInt8(ascii: "\\") { return nil }
                position += 1
            }
            guard position < end else { return nil }
            defer { position += 1 }
            return String(validating: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        /// What a number field holds.
        enum Number {
            /// `"nan"`, `"inf"` or `"-inf"`.
            case special(Double)
            /// A literal without fraction or exponent (at most 18 digits).
            case integer(Int64)
            /// A literal with a fraction or an exponent (at most 17 significant digits), as a
            /// C string in the caller's buffer.
            case decimal
        }

        /// A number field's literal (checked as JSON) or non-finite string; nil for anything
        /// else, and for literals too long to be what ``JSONWriter`` writes.
        private mutating func number(into buffer: inout (UInt64, UInt64, UInt64, UInt64, UInt64)) -> Number? {
            skipWhitespace()
            if peek == UInt8(ascii: "\"") {
                switch string() {
                case "nan": return .special(.nan)
                case "inf": return .special(.infinity)
                case "-inf": return .special(-.infinity)
                default: return nil
                }
            }
            let start = position
            var significant = 0
            var leading = true
            var integral = true
            if peek == UInt8(ascii: "-") { position += 1 }
            let integerStart = position
            while position < end, case let b = bytes[position], b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                if b != UInt8(ascii: "0") || !leading {
                    significant += 1
                    leading = false
                }
                position += 1
            }
            let integerDigits = position - integerStart
            guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
            if peek == UInt8(ascii: ".") {
                integral = false
                position += 1
                let fractionStart = position
                while position < end, case let b = bytes[position], b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    if b != UInt8(ascii: "0") || !leading {
                        significant += 1
                        leading = false
                    }
                    position += 1
                }
                guard position > fractionStart else { return nil }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                integral = false
                position += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { position += 1 }
                let exponentStart = position
                while position < end, case let b = bytes[position], b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                    position += 1
                }
                guard position > exponentStart else { return nil }
            }
            if integral {
                // `JSONDecoder` reads these as integers and converts exactly (or fails).
                // `-0` is left to it too (which zero it gives has varied).
                guard integerDigits <= 18 else { return nil }
                var value: Int64 = 0
                for i in integerStart..<position { value = value * 10 + Int64(bytes[i] - UInt8(ascii: "0")) }
                guard bytes[start] != UInt8(ascii: "-") else { return value == 0 ? nil : .integer(-value) }
                return .integer(value)
            }
            // Trailing zeros of a fraction count too: the bound is conservative.
            guard significant <= 17, position - start < 40 else { return nil }
            withUnsafeMutableBytes(of: &buffer) { out in
                for i in 0..<(position - start) { out[i] = bytes[start + i] }
                out[position - start] = 0
            }
            return .decimal
        }

        mutating func double() -> Double? {
            var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
            switch number(into: &buffer) {
            case .special(let value): return value
            case .integer(let value): return Double(exactly: value)
            case .decimal:
                return withUnsafeBytes(of: &buffer) { strtod($0.baseAddress!.assumingMemoryBound(to: CChar.self), nil) }
            case nil: return nil
            }
        }

        /// A Float, parsed directly and through Double: `JSONDecoder` has done either, so a
        /// literal on which the two disagree (none that Swift prints) is left to it.
        mutating func float() -> Float? {
            var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
            switch number(into: &buffer) {
            case .special(let value): return Float(value)
            case .integer(let value): return Float(exactly: value)
            case .decimal:
                return withUnsafeBytes(of: &buffer) { raw -> Float? in
                    let text = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    let direct = strtof(text, nil)
                    let viaDouble = Float(strtod(text, nil))
                    return direct == viaDouble ? direct : nil
                }
            case nil: return nil
            }
        }

        /// `[ element, ... ]`.
        mutating func array<T>(_ element: (inout Reader) -> T?) -> [T]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var items: [T] = []
            if take(UInt8(ascii: "]")) { return items }
            repeat {
                guard let item = element(&self) else { return nil }
                items.append(item)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? items : nil
        }

        // MARK: Records

        mutating func stepRecord() -> StepRecord? {
            var step: Int?
            var epoch: Int?
            var batch: Int?
            var metrics: StepMetrics?
            var tensors: [TensorRecord]?
            let ok = object { r, key in
                if isKey(key, "batch") {
                    batch = r.int()
                    return batch == nil ? nil : 0
                }
                if isKey(key, "epoch") {
                    epoch = r.int()
                    return epoch == nil ? nil : 1
                }
                if isKey(key, "metrics") {
                    if r.null() { return 2 }
                    metrics = r.stepMetrics()
                    return metrics == nil ? nil : 2
                }
                if isKey(key, "step") {
                    step = r.int()
                    return step == nil ? nil : 3
                }
                if isKey(key, "tensors") {
                    tensors = r.array { $0.tensorRecord() }
                    return tensors == nil ? nil : 4
                }
                return nil
            }
            guard ok, let step, let epoch, let batch, let tensors else { return nil }
            return StepRecord(step: step, epoch: epoch, batch: batch, metrics: metrics, tensors: tensors)
        }

        mutating func stepMetrics() -> StepMetrics? {
            var samples: Int?
            var loss: Double?
            var accuracy: Double?
            var lossScale: Float?
            var skipped: Bool?
            var nonFinite: Int?
            var seconds: Double?
            let ok = object { r, key in
                if isKey(key, "accuracy") {
                    accuracy = r.double()
                    return accuracy == nil ? nil : 0
                }
                if isKey(key, "loss") {
                    loss = r.double()
                    return loss == nil ? nil : 1
                }
                if isKey(key, "lossScale") {
                    lossScale = r.float()
                    return lossScale == nil ? nil : 2
                }
                if isKey(key, "nonFiniteGradients") {
                    nonFinite = r.int()
                    return nonFinite == nil ? nil : 3
                }
                if isKey(key, "samples") {
                    samples = r.int()
                    return samples == nil ? nil : 4
                }
                if isKey(key, "seconds") {
                    seconds = r.double()
                    return seconds == nil ? nil : 5
                }
                if isKey(key, "skipped") {
                    skipped = r.bool()
                    return skipped == nil ? nil : 6
                }
                return nil
            }
            guard ok, let samples, let loss, let accuracy, let lossScale, let skipped, let nonFinite, let seconds else {
                return nil
            }
            return StepMetrics(
                samples: samples, loss: loss, accuracy: accuracy, lossScale: lossScale, skipped: skipped,
                nonFiniteGradients: nonFinite, seconds: seconds)
        }

        /// As ``TensorRecord``'s `init(from:)`: layer and tensor required, the rest optional
        /// (`null` counts as absent), `shape` empty when absent.
        mutating func tensorRecord() -> TensorRecord? {
            var layer: String?
            var tensor: String?
            var record = TensorRecord(layer: "", tensor: "")
            let ok = object { r, key in
                if isKey(key, "layer") {
                    layer = r.string()
                    return layer == nil ? nil : 0
                }
                if isKey(key, "tensor") {
                    tensor = r.string()
                    return tensor == nil ? nil : 1
                }
                if isKey(key, "format") {
                    if r.null() { return 2 }
                    guard let name = r.string(), let format = ComputeFormat(rawValue: name) else { return nil }
                    record.format = format
                    return 2
                }
                if isKey(key, "shape") {
                    if r.null() { return 3 }
                    guard let shape = r.array({ $0.int() }) else { return nil }
                    record.shape = shape
                    return 3
                }
                if isKey(key, "lossScale") {
                    if r.null() { return 4 }
                    guard let scale = r.float() else { return nil }
                    record.lossScale = scale
                    return 4
                }
                if isKey(key, "rounding") {
                    if r.null() { return 5 }
                    guard let rounding = r.rounding() else { return nil }
                    record.rounding = rounding
                    return 5
                }
                if isKey(key, "unscaled") {
                    if r.null() { return 6 }
                    guard let unscaled = r.scaledCounts() else { return nil }
                    record.unscaled = unscaled
                    return 6
                }
                if isKey(key, "updates") {
                    if r.null() { return 7 }
                    guard let updates = r.updateStatistics() else { return nil }
                    record.updates = updates
                    return 7
                }
                if isKey(key, "drift") {
                    if r.null() { return 8 }
                    guard let drift = r.drift() else { return nil }
                    record.drift = drift
                    return 8
                }
                return nil
            }
            guard ok, let layer, let tensor else { return nil }
            record.layer = layer
            record.tensor = tensor
            return record
        }

        /// The stored form of ``RoundingStatistics`` (histogram as nonzero bins and counts).
        mutating func rounding() -> RoundingStatistics? {
            var s = RoundingStatistics()
            var bins: [Int]?
            var counts: [UInt64]?
            var found: UInt32 = 0
            func set(_ value: UInt64?, _ bit: Int, _ field: inout UInt64) -> Int? {
                guard let value else { return nil }
                field = value
                found |= 1 << bit
                return bit
            }
            func set(_ value: Double?, _ bit: Int, _ field: inout Double) -> Int? {
                guard let value else { return nil }
                field = value
                found |= 1 << bit
                return bit
            }
            let ok = object { r, key in
                if isKey(key, "count") { return set(r.count(), 0, &s.count) }
                if isKey(key, "errorCount") { return set(r.count(), 1, &s.errorCount) }
                if isKey(key, "errorMax") { return set(r.double(), 2, &s.errorMax) }
                if isKey(key, "errorSquares") { return set(r.double(), 3, &s.errorSquares) }
                if isKey(key, "errorSum") { return set(r.double(), 4, &s.errorSum) }
                if isKey(key, "histogramBins") {
                    bins = r.array { $0.int() }
                    found |= 1 << 5
                    return bins == nil ? nil : 5
                }
                if isKey(key, "histogramCounts") {
                    counts = r.array { $0.count() }
                    found |= 1 << 6
                    return counts == nil ? nil : 6
                }
                if isKey(key, "infinite") { return set(r.count(), 7, &s.infinite) }
                if isKey(key, "nan") { return set(r.count(), 8, &s.nan) }
                if isKey(key, "overflow") { return set(r.count(), 9, &s.overflow) }
                if isKey(key, "subnormal") { return set(r.count(), 10, &s.subnormal) }
                if isKey(key, "underflow") { return set(r.count(), 11, &s.underflow) }
                return nil
            }
            guard ok, found == (1 << 12) - 1, let bins, let counts, bins.count == counts.count else { return nil }
            for (bin, n) in zip(bins, counts) {
                guard bin >= 0 && bin < ExponentHistogram.binCount else { return nil }
                s.histogram.bins[bin] = n
            }
            return s
        }

        mutating func scaledCounts() -> ScaledCounts? {
            var c = ScaledCounts()
            var found = 0
            let ok = object { r, key in
                let field: WritableKeyPath<ScaledCounts, UInt64>
                let bit: Int
                if isKey(key, "overflow") {
                    (field, bit) = (\.overflow, 0)
                } else if isKey(key, "subnormal") {
                    (field, bit) = (\.subnormal, 1)
                } else if isKey(key, "underflow") {
                    (field, bit) = (\.underflow, 2)
                } else {
                    return nil
                }
                guard let value = r.count() else { return nil }
                c[keyPath: field] = value
                found += 1
                return bit
            }
            return ok && found == 3 ? c : nil
        }

        mutating func updateStatistics() -> UpdateStatistics? {
            var u = UpdateStatistics()
            var found = 0
            let ok = object { r, key in
                let field: WritableKeyPath<UpdateStatistics, UInt64>
                let bit: Int
                if isKey(key, "count") {
                    (field, bit) = (\.count, 0)
                } else if isKey(key, "lostInCompute") {
                    (field, bit) = (\.lostInCompute, 1)
                } else if isKey(key, "lostInFloat32") {
                    (field, bit) = (\.lostInFloat32, 2)
                } else if isKey(key, "nonzero") {
                    (field, bit) = (\.nonzero, 3)
                } else {
                    return nil
                }
                guard let value = r.count() else { return nil }
                u[keyPath: field] = value
                found += 1
                return bit
            }
            return ok && found == 4 ? u : nil
        }

        mutating func drift() -> DriftRecord? {
            var difference: Double?
            var reference: Double?
            let ok = object { r, key in
                if isKey(key, "squaredDifference") {
                    difference = r.double()
                    return difference == nil ? nil : 0
                }
                if isKey(key, "squaredReference") {
                    reference = r.double()
                    return reference == nil ? nil : 1
                }
                return nil
            }
            guard ok, let difference, let reference else { return nil }
            return DriftRecord(squaredDifference: difference, squaredReference: reference)
        }
    }
}

/// Whether the key bytes `key` are `name`.
private func isKey(_ key: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
    guard key.count == name.utf8CodeUnitCount else { return false }
    for i in 0..<key.count where key[i] != name.utf8Start[i] { return false }
    return true
}
