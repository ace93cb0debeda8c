import SoftFloat

// Shared with scripts/bench-vs-berkeley's Swift harness (symlinked there): the comparison of
// SoftFloat's results and flags with Berkeley SoftFloat's, operand by operand.

/// The outcome of comparing one cell's results and flags with a reference's.
public struct CellComparison: Sendable {
    public var cell: BenchCell
    /// Operands compared.
    public var count = 0
    /// Operands whose result bits or flags differ.
    public var mismatches = 0
    /// Of those, the ones where both results are NaNs with equal flags and only the NaN's sign or
    /// payload differs (counted apart to show whether the NaN rules agree; still mismatches).
    public var nanPayloadOnly = 0
    /// The first few mismatches, described in hex.
    public var examples: [String] = []

    public init(cell: BenchCell) { self.cell = cell }
}

/// Compares results operand by operand.
public enum ResultComparer {
    /// Compares `actual` (SoftFloat) with `expected` (the reference), both `count` results of
    /// `cell.resultByteWidth` bytes and one ExceptionFlags byte each; `operands(i)` gives the
    /// operand encodings of operand `i` for the examples (at most `maxExamples`).
    public static func compare(
        _ cell: BenchCell, count: Int, expected: UnsafeRawPointer, expectedFlags: UnsafePointer<UInt8>,
        actual: UnsafeRawPointer, actualFlags: UnsafePointer<UInt8>, referenceName: String = "Berkeley",
        maxExamples: Int = 5, operands: (Int) -> [UInt64]
    ) -> CellComparison {
        var result = CellComparison(cell: cell)
        result.count = count
        let width = cell.resultByteWidth
        let (e, f) = cell.resultLayout
        for i in 0..<count {
            let x = word(expected, i, width)
            let y = word(actual, i, width)
            if x == y && expectedFlags[i] == actualFlags[i] { continue }
            result.mismatches += 1
            if isNaN(x, e, f) && isNaN(y, e, f) && expectedFlags[i] == actualFlags[i] { result.nanPayloadOnly += 1 }
            if result.examples.count < maxExamples {
                let ops = operands(i).map { hex($0, width: operandWidth(cell)) }.joined(separator: " ")
                result.examples.append(
                    "\(cell.operation) \(cell.format) \(cell.distribution.name) #\(i) operands \(ops): "
                        + "\(referenceName) \(hex(x, width: width)) \(flagNames(expectedFlags[i])), "
                        + "SoftFloat \(hex(y, width: width)) \(flagNames(actualFlags[i]))")
            }
        }
        return result
    }

    /// The operand encodings of operand `i` of `cell` in `set` (one, two or three words).
    public static func operandWords(_ cell: BenchCell, _ set: OperandSet, _ i: Int) -> [UInt64] {
        func triple<F>(_ t: OperandTriple<F>, _ op: BenchOperation) -> [UInt64] {
            let (a, b, c) = (UInt64(t.a[i].bits), UInt64(t.b[i].bits), UInt64(t.c[i].bits))
            switch op {
            case .sqrt: return [c]
            case .fma: return [a, b, c]
            default: return [a, b]
            }
        }
        switch cell.kind {
        case .arithmetic(let op, .binary16): return triple(set.half, op)
        case .arithmetic(let op, .binary32): return triple(set.single, op)
        case .arithmetic(let op, .binary64): return triple(set.double, op)
        case .conversion(.f16ToF32): return [UInt64(set.half.a[i].bits)]
        case .conversion(.f32ToF16), .conversion(.f32ToBF16): return [UInt64(set.single.a[i].bits)]
        case .conversion(.f64ToF32), .conversion(.f64ToF16): return [UInt64(set.double.a[i].bits)]
        case .conversion(.bf16ToF32): return [UInt64(set.brain.a[i].bits)]
        }
    }

    static func operandWidth(_ cell: BenchCell) -> Int {
        switch cell.kind {
        case .arithmetic(_, let f): f.byteWidth
        case .conversion(let c): c.sourceByteWidth
        }
    }

    static func word(_ p: UnsafeRawPointer, _ i: Int, _ width: Int) -> UInt64 {
        switch width {
        case 2: UInt64(p.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))
        case 4: UInt64(p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
        default: p.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
        }
    }

    /// Whether `w` encodes a NaN in a format with `e` exponent and `f` fraction bits.
    static func isNaN(_ w: UInt64, _ e: Int, _ f: Int) -> Bool {
        let fieldMask = (UInt64(1) << UInt64(e)) - 1
        return (w >> UInt64(f)) & fieldMask == fieldMask && w & ((UInt64(1) << UInt64(f)) - 1) != 0
    }

    /// `0x` and `2 * width` hex digits.
    public static func hex(_ w: UInt64, width: Int) -> String {
        let digits = String(w, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 2 * width - digits.count)) + digits
    }

    /// `[invalid|inexact]`, `[none]`.
    static func flagNames(_ raw: UInt8) -> String { "[\(ExceptionFlags(rawValue: raw))]" }
}
