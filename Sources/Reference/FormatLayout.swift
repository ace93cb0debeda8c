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
    /// False for formats whose top exponent encodes finite numbers (OCP E4M3, MX formats).
    let hasInfinities: Bool
    /// False for formats in which every encoding is a number (OCP MX FP6 and FP4).
    let hasNaN: Bool
    /// False for unsigned formats (OCP MX E8M0).
    let hasSign: Bool
    /// False for formats whose exponent field 0 is the normal number 2^-bias (E8M0).
    let hasZero: Bool

    @usableFromInline
    init<Format: BinaryFormat>(_: Format.Type) {
        precondition(
            Format.bitWidth <= 64 && Format.precision <= 53 && Format.precision >= 1,
            "the oracle handles formats of at most 64 bits with 1 <= p <= 53")
        precision = Format.precision
        exponentBitCount = Format.exponentBitCount
        hasInfinities = Format.hasInfinities
        hasNaN = Format.hasNaN
        hasSign = Format.hasSign
        hasZero = Format.hasZero
    }

    var fractionBitCount: Int { precision - 1 }
    var bias: Int { (1 << (exponentBitCount - 1)) - 1 }
    var maxExponentField: UInt64 { (1 << UInt64(exponentBitCount)) - 1 }
    /// IEEE emin = 1 - bias, the exponent of the smallest normal number; -bias without zero
    /// (E8M0's field 0 is 2^-127).
    var minExponent: Int { (hasZero ? 1 : 0) - bias }
    /// IEEE emax, the exponent of the largest finite number.
    var maxExponent: Int { Int(maxFiniteMagnitude >> UInt64(fractionBitCount)) - bias }
    var fractionMask: UInt64 { (1 << UInt64(fractionBitCount)) - 1 }
    var signBit: UInt64 { hasSign ? 1 << UInt64(exponentBitCount + fractionBitCount) : 0 }
    /// The magnitude bits of the largest finite value: 0x7BFF in binary16; 0x7E (448) in E4M3
    /// and 0xFE (2^127) in E8M0, whose all-ones encoding is the NaN; the all-ones encoding in
    /// FP6 and FP4, which have no NaN (0x1F: 7.5 in E2M3, 28 in E3M2; 0x7: 6 in E2M1).
    var maxFiniteMagnitude: UInt64 {
        let allOnes = (maxExponentField << UInt64(fractionBitCount)) | fractionMask
        if hasInfinities { return ((maxExponentField - 1) << UInt64(fractionBitCount)) | fractionMask }
        return hasNaN ? allOnes - 1 : allOnes
    }
    /// The magnitude bits of the NaN of a format without infinities (S.1111.111 in E4M3).
    var nanMagnitude: UInt64 { infinityMagnitude | fractionMask }
    /// The magnitude bits of +infinity.
    var infinityMagnitude: UInt64 { maxExponentField << UInt64(fractionBitCount) }
    /// The default NaN of DESIGN.md (x86): negative, quiet, zero payload; for formats without
    /// infinities the single NaN pattern with the sign set.
    ///
    /// A format without NaN (FP6, FP4) delivers a NaN result as the conversion of that negative
    /// NaN (the ml_dtypes rule, a zero of the opposite sign): +0.
    var defaultNaN: UInt64 {
        if !hasNaN { return 0 }
        return hasInfinities
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
            if hasNaN && fraction == fractionMask { return Operand(negative: negative, kind: .quietNaN) }
        }
        // Without zero (E8M0), field 0 is an ordinary binade: 2^-bias.
        let subnormal = field == 0 && hasZero
        if subnormal && fraction == 0 { return Operand(negative: negative, kind: .zero) }
        // value = significand * 2^(max(field, 1) - bias - f): subnormals share emin.
        let significand = subnormal ? fraction : fraction | (1 << UInt64(fractionBitCount))
        let exponent = (subnormal ? 1 : Int(field)) - bias - fractionBitCount
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
