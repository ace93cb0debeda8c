//===--- TensorFileMutation.swift -----------------------------------------===//
//
// Mutations of a valid tensor file's bytes: the hostile and damaged files the readers meet.
//
//===----------------------------------------------------------------------===//

/// Damages a tensor file the way corrupted downloads and hostile writers do: bit flips and byte
/// smashes anywhere; little-endian integers overwritten with extreme values (header lengths, zip
/// sizes and offsets, CRCs); truncation and appended garbage; chunks deleted or duplicated; and,
/// inside the text header (the .npy dict, the safetensors JSON), numbers replaced by huge or
/// negative ones and type names by others. Each step is named, so a failing input can be read.
struct TensorFileMutation {
    var inputs: FuzzInputs

    /// Integers that break size arithmetic: zero, one, sign boundaries, all ones, 2^32 and 2^62.
    static let extremeIntegers: [UInt64] = [
        0, 1, 2, 7, 8, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0x1_0000_0000,
        0x4000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, UInt64.max,
    ]

    /// Replacements for a run of digits in a text header: too large for any size, negative,
    /// fractional, exponent notation, empty.
    static let numberTexts: [String] = [
        "0", "1", "-1", "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616",
        "99999999999999999999999999", "1e308", "1.5", "-0", "", "0x10", "1" + String(repeating: "0", count: 400),
    ]

    /// Type names of other dtypes and formats, and broken ones.
    static let typeTexts: [String] = [
        "<f2", ">f2", "<f4", ">f4", "<f8", ">f8", "|f1", "<i4", "<u8", "|b1", "<c16", "|O", "<V8", "<M8[s]", "F16",
        "BF16", "F32", "F64", "F8_E4M3", "F8_E5M2", "I64", "BOOL", "U8", "F4", "", "\u{0}", "<f\u{0}4",
    ]

    /// Header fragments that stress the parsers: deep nesting, long strings, odd tuples.
    static let textFragments: [String] = [
        "(", ")", "[", "]", "{", "}", ",", ":", "'", "\"", "\\", "(,)", "(4294967296, 4294967296)", "(-1,)",
        "[18446744073709551615, 2]", "True", "False", "None", String(repeating: "[", count: 5000),
        String(repeating: "(", count: 5000), "\"__metadata__\"", "\"data_offsets\"", "\"shape\"", "\"dtype\"",
        "'fortran_order'", "'descr'", "'shape'", "\u{FEFF}", "\u{0}", "\n", "é", "\u{FFFD}",
    ]

    /// `bytes` damaged by one to four steps, and the steps' names.
    mutating func mutate(_ bytes: [UInt8]) -> (bytes: [UInt8], steps: [String]) {
        var bytes = bytes
        var steps: [String] = []
        for _ in 0..<(1 + inputs.below(4)) {
            let step = inputs.below(10)
            switch step {
            case 0 where !bytes.isEmpty:
                let at = inputs.below(bytes.count)
                let bit = inputs.below(8)
                bytes[at] ^= UInt8(1) << UInt8(bit)
                steps.append("flip \(at).\(bit)")
            case 1 where !bytes.isEmpty:
                let at = inputs.below(bytes.count)
                let value = inputs.pick([0x00, 0xFF, 0x7F, 0x80, 0x20, 0x22, 0x27, 0x2C] as [UInt8])
                bytes[at] = value
                steps.append("byte \(at)=\(value)")
            case 2 where bytes.count >= 2:
                let width = inputs.pick([2, 4, 8])
                let at = inputs.below(max(1, bytes.count - width + 1))
                let value = inputs.pick(Self.extremeIntegers)
                for i in 0..<min(width, bytes.count - at) {
                    bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * i))
                }
                steps.append("int\(width * 8) \(at)=\(value)")
            case 3 where !bytes.isEmpty:
                let length = inputs.chance(2) ? inputs.below(min(bytes.count, 128)) : inputs.below(bytes.count)
                bytes.removeLast(bytes.count - length)
                steps.append("truncate \(length)")
            case 4:
                let count = inputs.chance(4) ? 1 + inputs.below(65_536) : 1 + inputs.below(64)
                bytes += (0..<count).map { _ in UInt8(truncatingIfNeeded: inputs.below(256)) }
                steps.append("append \(count)")
            case 5 where !bytes.isEmpty:
                let start = inputs.below(bytes.count)
                let end = min(bytes.count, start + 1 + inputs.below(32))
                bytes.removeSubrange(start..<end)
                steps.append("delete \(start)..<\(end)")
            case 6 where !bytes.isEmpty:
                let start = inputs.below(bytes.count)
                let slice = Array(bytes[start..<min(bytes.count, start + 1 + inputs.below(64))])
                let at = inputs.below(bytes.count + 1)
                bytes.insert(contentsOf: slice, at: at)
                steps.append("copy \(start)+\(slice.count)@\(at)")
            case 7, 8:
                if let (changed, name) = replaceNumber(in: bytes, typeName: step == 8) {
                    bytes = changed
                    steps.append(name)
                }
            default:
                let fragment = inputs.pick(Self.textFragments)
                let at = headerPosition(in: bytes)
                bytes.insert(contentsOf: Array(fragment.utf8), at: at)
                steps.append(
                    "insert \(fragment.count > 20 ? "\(fragment.prefix(4))...(\(fragment.count))" : fragment)@\(at)")
            }
        }
        return (bytes, steps)
    }

    /// A position in the file's first 512 bytes (where the text headers are), or anywhere.
    private mutating func headerPosition(in bytes: [UInt8]) -> Int {
        inputs.chance(4) ? inputs.below(bytes.count + 1) : inputs.below(min(bytes.count, 512) + 1)
    }

    /// Replaces one run of ASCII digits in the header (`typeName`: one quoted type name such as
    /// `<f4` or `F32`) with a hostile one; nil when there is none.
    private mutating func replaceNumber(in bytes: [UInt8], typeName: Bool) -> ([UInt8], String)? {
        let limit = min(bytes.count, 1024)
        var runs: [Range<Int>] = []
        var i = 0
        while i < limit {
            if typeName {
                // A quoted run of 1...8 characters: 'x' or "x".
                if bytes[i] == 0x27 || bytes[i] == 0x22,
                    let close = bytes[(i + 1)..<min(limit, i + 10)].firstIndex(
                        of: bytes[i])
                {
                    if close > i + 1 { runs.append((i + 1)..<close) }
                    i = close + 1
                    continue
                }
            } else if (0x30...0x39).contains(bytes[i]) {
                var end = i
                while end < limit && (0x30...0x39).contains(bytes[end]) { end += 1 }
                runs.append(i..<end)
                i = end
                continue
            }
            i += 1
        }
        guard !runs.isEmpty else { return nil }
        let run = inputs.pick(runs)
        let text = typeName ? inputs.pick(Self.typeTexts) : inputs.pick(Self.numberTexts)
        var changed = bytes
        changed.replaceSubrange(run, with: Array(text.utf8))
        let shown = text.count > 24 ? "\(text.prefix(8))...(\(text.count))" : text
        return (changed, "\(typeName ? "type" : "number") \(run.lowerBound)=\(shown)")
    }
}
