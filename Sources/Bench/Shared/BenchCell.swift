import SoftFloat

// Shared with scripts/bench-vs-berkeley's Swift harness (symlinked there): the list of measured
// cells, in the order the C harness (scripts/bench-vs-berkeley/harness.c) uses too.

/// An arithmetic operation of the benchmarks.
public enum BenchOperation: String, CaseIterable, Sendable {
    case add, sub, mul, div, sqrt, fma
}

/// An arithmetic format of the benchmarks.
public enum BenchFormat: String, CaseIterable, Sendable {
    case binary16, binary32, binary64

    /// Bytes per encoding.
    public var byteWidth: Int {
        switch self {
        case .binary16: 2
        case .binary32: 4
        case .binary64: 8
        }
    }
}

/// A conversion of the benchmarks (the operand is the source format's `a` array).
public enum BenchConversion: String, CaseIterable, Sendable {
    case f32ToF16 = "f32->f16"
    case f16ToF32 = "f16->f32"
    case f64ToF32 = "f64->f32"
    case f64ToF16 = "f64->f16"
    case f32ToBF16 = "f32->bf16"
    case bf16ToF32 = "bf16->f32"

    /// Bytes per result encoding.
    public var resultByteWidth: Int {
        switch self {
        case .f32ToF16, .f64ToF16, .f32ToBF16: 2
        case .f16ToF32, .f64ToF32, .bf16ToF32: 4
        }
    }

    /// Bytes per operand encoding.
    public var sourceByteWidth: Int {
        switch self {
        case .f16ToF32, .bf16ToF32: 2
        case .f32ToF16, .f32ToBF16: 4
        case .f64ToF32, .f64ToF16: 8
        }
    }
}

/// One measured cell: an operation in a format (or a conversion) on one operand distribution.
public struct BenchCell: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case arithmetic(BenchOperation, BenchFormat)
        case conversion(BenchConversion)
    }
    public var kind: Kind
    public var distribution: OperandDistribution

    public init(_ kind: Kind, _ distribution: OperandDistribution) {
        self.kind = kind
        self.distribution = distribution
    }

    /// Every cell, in the fixed order of results files and tables: per distribution (narrow,
    /// full), the arithmetic format by format (operations in declaration order), then the conversions.
    public static let all: [BenchCell] = OperandDistribution.allCases.flatMap { d in
        BenchFormat.allCases.flatMap { f in BenchOperation.allCases.map { BenchCell(.arithmetic($0, f), d) } }
            + BenchConversion.allCases.map { BenchCell(.conversion($0), d) }
    }

    /// The operation's name in tables (`add`, ..., `convert`).
    public var operation: String {
        switch kind {
        case .arithmetic(let op, _): op.rawValue
        case .conversion: "convert"
        }
    }

    /// The format column of tables (`binary32`, or the conversion such as `f32->f16`).
    public var format: String {
        switch kind {
        case .arithmetic(_, let f): f.rawValue
        case .conversion(let c): c.rawValue
        }
    }

    /// Bytes per result encoding.
    public var resultByteWidth: Int {
        switch kind {
        case .arithmetic(_, let f): f.byteWidth
        case .conversion(let c): c.resultByteWidth
        }
    }

    /// (exponent bits, fraction bits) of the result format.
    public var resultLayout: (exponentBits: Int, fractionBits: Int) {
        switch kind {
        case .arithmetic(_, .binary16), .conversion(.f32ToF16), .conversion(.f64ToF16): (5, 10)
        case .arithmetic(_, .binary32), .conversion(.f16ToF32), .conversion(.f64ToF32), .conversion(.bf16ToF32):
            (8, 23)
        case .arithmetic(_, .binary64): (11, 52)
        case .conversion(.f32ToBF16): (8, 7)
        }
    }
}
