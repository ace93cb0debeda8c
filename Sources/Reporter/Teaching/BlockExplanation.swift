//===--- BlockExplanation.swift -------------------------------------------===//
//
// `mpstudy explain-block`: one block of values under a scaling scheme, element by element.
//
//===----------------------------------------------------------------------===//

import Precision
import SoftFloat
import _MPStudySupport

/// What a scaling scheme does to one block of values: the scale it chooses and, for each
/// value, the scaled value, the element it becomes (code and value), the dequantised value,
/// the error, and whether it was flushed or saturated. Computed by the scheme's reference
/// (``BlockScaling/reference(_:rows:columns:axis:)``), so it is what the kernels do.
public struct BlockExplanation: Sendable {
    public struct Element: Sendable {
        /// The value as a float32 tensor holds it (the decimal rounded once to nearest).
        public var value: Float
        public var scaled: Double
        /// The element's bit pattern in its format.
        public var code: UInt64
        /// The element's value (before the scale is applied back).
        public var element: Double
        public var dequantized: Float
        public var note: String
    }

    public var schemeName: String
    public var scheme: BlockScaling
    /// Words on the scale: "X = 2^4 = 16 (E8M0 code 0x83)".
    public var scaleText: String
    public var elements: [Element]

    /// The explanation of `values` as one block of `scheme` (MX: a block of that many elements;
    /// NVFP4: one block, the tensor scale from these values).
    public static func explaining(_ values: [Float], scheme: BlockScaling, name: String) -> BlockExplanation {
        let element = scheme.element
        let count = values.count
        let blockScheme: BlockScaling
        switch scheme {
        case .mx(let e, _): blockScheme = .mx(element: e, blockSize: count)
        default: blockScheme = scheme
        }
        let padded = scheme == .nvfp4 ? values + [Float](repeating: 0, count: (16 - count % 16) % 16) : values
        let result = blockScheme.reference(padded, rows: 1, columns: padded.count, axis: .rows)
        var scaleText = ""
        var factor = 1.0
        switch blockScheme {
        case .tensor(_, let s):
            factor = Double(s)
            scaleText = "per-tensor scale s = \(s): each element is round(x · s), read back as element · (1/s)"
        case .mx:
            let code = result.scaleCodes[0]
            if code == 0xFF {
                scaleText = "the block holds a NaN or an infinity: scale code 0xFF (NaN), every element NaN"
            } else {
                let exponent = Int(code) - 127
                factor = Double(sign: .plus, exponent: -exponent, significand: 1)
                let amax = values.filter(\.isFinite).map(abs).max() ?? 0
                scaleText =
                    "amax = \(amax)\(amax == 0 ? "" : " (in [2^\(Int(amax.exponent)), 2^\(Int(amax.exponent) + 1)))"); "
                    + "shared exponent = floor(log2 amax) - emax(\(element.rawValue.uppercased())) = "
                    + (amax == 0
                        ? "-127 (a block of zeros gets the smallest scale)"
                        : "\(Int(amax.exponent)) - \(element.maxExponent) = \(Int(amax.exponent) - element.maxExponent)")
                    + (exponent == -127 && amax != 0 && Int(amax.exponent) - element.maxExponent < -127
                        ? ", clamped to -127" : "")
                    + "; X = 2^\(exponent) (E8M0 code 0x\(String(code, radix: 16, uppercase: true))); elements round(x / X)"
            }
        case .nvfp4:
            let amax = values.filter(\.isFinite).map(abs).max() ?? 0
            let t = BlockScaling.nvfp4TensorScale(amax: amax)
            let s = result.blockScales[0]
            factor = s == 0 ? 0 : 1 / (Double(s) * Double(t))
            scaleText =
                "tensor scale t = amax / (448 · 6) = \(amax) / 2688 = \(t) (float32); block scale S = round_E4M3(amax / (6 t)) = \(s); elements round_E2M1(x / (S t))"
        }
        let elements = values.indices.map { i -> Element in
            let x = values[i]
            let q = factor == 0 ? 0 : Double(x) * factor
            let rounded = x.isNaN || result.values[i].isNaN ? Double.nan : element.rounded(q)
            let code = Self.code(rounded, element)
            var note = ""
            if x.isNaN || result.values[i].isNaN {
                note = "NaN"
            } else if x.isInfinite {
                note = "infinite: saturated"
            } else if x != 0 && rounded == 0 {
                note = "flushed to zero"
            } else if abs(q) > element.maxFinite && !Self.roundsToMax(q, element) {
                note = "saturated at ±\(DecimalText.significant(element.maxFinite, digits: 6, trimmingZeros: true))"
            } else if rounded != 0 && abs(rounded) < Double(sign: .plus, exponent: element.minExponent, significand: 1)
            {
                note = "subnormal"
            }
            return Element(value: x, scaled: q, code: code, element: rounded, dequantized: result.values[i], note: note)
        }
        return BlockExplanation(schemeName: name, scheme: scheme, scaleText: scaleText, elements: elements)
    }

    /// Whether `q` reaches ±max by plain rounding (it lies within half a quantum of it), as
    /// opposed to saturating from beyond.
    static func roundsToMax(_ q: Double, _ element: ElementFormat) -> Bool {
        let max = element.maxFinite
        let quantum = Double(sign: .plus, exponent: element.maxExponent - (element.precision - 1), significand: 1)
        let a = abs(q)
        return a < max + quantum / 2 || (a == max + quantum / 2 && Self.isEvenTop(element))
    }

    /// Whether the largest finite value has an even significand (a tie above it then rounds to it).
    static func isEvenTop(_ element: ElementFormat) -> Bool {
        let max = element.maxFinite
        let quantum = Double(sign: .plus, exponent: element.maxExponent - (element.precision - 1), significand: 1)
        return Int((max / quantum).rounded()) % 2 == 0
    }

    /// The element's encoding (SoftFloat's bits of the exact value `rounded`).
    static func code(_ rounded: Double, _ element: ElementFormat) -> UInt64 {
        func bits<F: BinaryFormat>(_ format: F.Type) -> UInt64 {
            var env = FloatEnvironment(saturatesOverflow: true)
            return UInt64(BinaryFloat<Binary64>(bits: rounded.bitPattern).converted(to: F.self, in: &env).bits)
        }
        return bits(element.softFloatFormat)
    }
}

extension BlockExplanation {
    /// The explanation as text: the scheme, the scale, and one row per value.
    public var text: String {
        var table = MarkdownTable(
            headers: ["#", "x (float32)", "scaled", "element", "code", "dequantised", "relative error", "note"],
            alignments: [.right, .right, .right, .right, .left, .right, .right, .left])
        let width = (scheme.element.softFloatFormat.bitWidth + 3) / 4
        for (i, e) in elements.enumerated() {
            let error: String
            if e.value.isFinite && e.value != 0 && e.dequantized.isFinite {
                let relative = (Double(e.dequantized) - Double(e.value)) / Double(e.value)
                error = relative == 0 ? "0 (exact)" : Self.shown(relative, digits: 5)
            } else {
                error = "-"
            }
            table.append([
                String(i + 1), e.value.description, e.scaled.isNaN ? "nan" : Self.shown(e.scaled, digits: 6),
                e.element.isNaN ? "nan" : e.element.description,
                "0x" + String(repeating: "0", count: max(0, width - String(e.code, radix: 16).count))
                    + String(e.code, radix: 16, uppercase: true),
                e.dequantized.description, error, e.note,
            ])
        }
        let flushed = elements.filter { $0.note.hasPrefix("flushed") }.count
        let saturated = elements.filter { $0.note.hasPrefix("saturated") || $0.note.hasPrefix("infinite") }.count
        return "\(schemeName): \(elements.count) value\(elements.count == 1 ? "" : "s") as one block\n"
            + scaleText + "\n\n" + table.text
            + "\n\(flushed) flushed to zero, \(saturated) saturated; element \(scheme.element.rawValue.uppercased()): largest "
            + DecimalText.significant(scheme.element.maxFinite, digits: 6, trimmingZeros: true)
            + ", smallest subnormal 2^\(scheme.element.minExponent - (scheme.element.precision - 1)).\n"
            + "x and the dequantised values are float32, written as their shortest round-trip decimals; elements are "
            + "exact; scaled values and errors are rounded where marked ≈.\n"
    }

    /// `value` to `digits` significant digits, with ≈ in front when that is not its exact value.
    static func shown(_ value: Double, digits: Int) -> String {
        let text = DecimalText.significant(value, digits: digits, trimmingZeros: true)
        return Double(text) == value ? text : "≈" + text
    }
}

extension BlockExplanation {
    /// `explain-block --json`: the scheme, the scale in words, and per value the float32 input,
    /// the scaled value, the element and its code, the dequantised value and the note (numbers
    /// as shortest round-trip decimals; a NaN or infinity as the strings `nan`, `inf`, `-inf`).
    public var json: String {
        func number(_ v: Double) -> TeachingJSONValue {
            v.isFinite ? .double(v) : .string(v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf"))
        }
        let members: [TeachingJSONValue] = elements.map { e in
            .object([
                "value": number(Double(e.value)), "scaled": number(e.scaled), "element": number(e.element),
                "code": .int(Int(e.code)), "dequantized": number(Double(e.dequantized)), "note": .string(e.note),
            ])
        }
        return TeachingJSONValue.object([
            "scheme": .string(schemeName), "scale": .string(scaleText), "elements": .array(members),
        ]).text
    }
}
