import SoftFloat

/// The parameters of a binary format as plain values, and the encoding and decoding of its
/// bit patterns, independent of SoftFloat's own field accessors.
///
/// The oracle is the ground truth SoftFloat is checked against, so it decodes operands and
/// encodes results here, from the format's widths alone, instead of trusting SoftFloat's
/// classification. Being a value (not a generic parameter) keeps the MPFR-facing core of the
/// oracle non-generic: one compiled copy, whichever format the caller uses.
@usableFromInline
struct FormatLayout: Sendable {
    /// Precision p (fraction width f + 1).
    let precision: Int
    /// Width w of the exponent field.
    let exponentBitCount: Int
    /// False for formats whose top exponent encodes finite numbers (OCP E4M3).
    let hasInfinities: Bool

    @usableFromInline
    init<Format: BinaryFormat>(_: Format.Type) {
        precondition(
            Format.bitWidth <= 64 && Format.precision <= 53 && Format.precision >= 2,
            "the oracle handles formats of at most 64 bits with 2 <= p <= 53")
        precision = Format.precision
        exponentBitCount = Format.exponentBitCount
        hasInfinities = Format.hasInfinities
    }

    var fractionBitCount: Int { precision - 1 }
    var bias: Int { (1 << (exponentBitCount - 1)) - 1 }
    var maxExponentField: UInt64 { (1 << UInt64(exponentBitCount)) - 1 }
    /// IEEE emin = 1 - bias, the exponent of the smallest normal number.
    var minExponent: Int { 1 - bias }
    /// IEEE emax, the exponent of the largest finite number.
    var maxExponent: Int { hasInfinities ? bias : Int(maxExponentField) - bias }
    var fractionMask: UInt64 { (1 << UInt64(fractionBitCount)) - 1 }
    var signBit: UInt64 { 1 << UInt64(exponentBitCount + fractionBitCount) }
    /// The magnitude bits of the largest finite value: 0x7BFF in binary16, 0x7E (448) in E4M3,
    /// whose top exponent field holds finite numbers except the all-ones fraction.
    var maxFiniteMagnitude: UInt64 {
        hasInfinities
            ? ((maxExponentField - 1) << UInt64(fractionBitCount)) | fractionMask
            : (maxExponentField << UInt64(fractionBitCount)) | (fractionMask - 1)
    }
    /// The magnitude bits of the NaN of a format without infinities (S.1111.111 in E4M3).
    var nanMagnitude: UInt64 { infinityMagnitude | fractionMask }
    /// The magnitude bits of +infinity.
    var infinityMagnitude: UInt64 { maxExponentField << UInt64(fractionBitCount) }
    /// The default NaN of DESIGN.md (x86): negative, quiet, zero payload; for formats without
    /// infinities the single NaN pattern with the sign set.
    var defaultNaN: UInt64 {
        hasInfinities
            ? signBit | infinityMagnitude | (1 << UInt64(fractionBitCount - 1))
            : signBit | infinityMagnitude | fractionMask
    }

    /// The encoding split into what the oracle needs.
    func decode(_ bits: UInt64) -> Operand {
        let negative = bits & signBit != 0
        let field = (bits >> UInt64(fractionBitCount)) & maxExponentField
        let fraction = bits & fractionMask
        if field == maxExponentField {
            if hasInfinities {
                if fraction == 0 { return Operand(negative: negative, kind: .infinity) }
                let quiet = fraction >> UInt64(fractionBitCount - 1) != 0
                return Operand(negative: negative, kind: quiet ? .quietNaN : .signalingNaN)
            }
            if fraction == fractionMask { return Operand(negative: negative, kind: .quietNaN) }
        }
        if field == 0 && fraction == 0 { return Operand(negative: negative, kind: .zero) }
        // value = significand * 2^(max(field, 1) - bias - f): subnormals share emin.
        let significand = field == 0 ? fraction : fraction | (1 << UInt64(fractionBitCount))
        let exponent = max(Int(field), 1) - bias - fractionBitCount
        return Operand(negative: negative, kind: .finite(significand: significand, exponent: exponent))
    }
}

/// A decoded operand: sign and what kind of datum it is.
struct Operand {
    enum Kind {
        case zero
        /// significand * 2^exponent, significand an integer below 2^p.
        case finite(significand: UInt64, exponent: Int)
        case infinity
        case quietNaN
        case signalingNaN
    }

    var negative: Bool
    var kind: Kind

    var isNaN: Bool {
        switch kind {
        case .quietNaN, .signalingNaN: true
        default: false
        }
    }
    var isSignalingNaN: Bool { if case .signalingNaN = kind { true } else { false } }
    var isInfinite: Bool { if case .infinity = kind { true } else { false } }
    var isZero: Bool { if case .zero = kind { true } else { false } }
    /// Finite and nonzero.
    var isNonzeroFinite: Bool { if case .finite = kind { true } else { false } }
}
