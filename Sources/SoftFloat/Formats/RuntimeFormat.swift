/// A binary format whose parameters are chosen at run time (`--format e5m10`, `e4m3fn`,
/// `custom:p=8,emax=127,emin=-126`): exponent width w, fraction width f, and which of
/// infinities and NaN it has. Its values are computed by `BinaryFloat<RuntimeFormatSlot>`,
/// the same generic code as the compile-time formats, inside ``withBinding(_:_:)``.
///
/// Three layouts, those of the compile-time formats:
/// - IEEE-like (`hasInfinities`, `hasNaN`): the all-ones exponent field holds the infinities
///   and NaNs (binary16, E5M2);
/// - no infinities (`fn`, `hasNaN` only): the all-ones field holds finite numbers except
///   S.1...1.1...1, the one NaN of each sign (OCP E4M3, ml_dtypes `float8_e4m3fn`);
/// - neither: every encoding is a number (OCP MX FP6 and FP4).
///
/// Supported: w in 2...11 and p = f + 1 in 2...53 (at most 64 bits, what the MPFR oracle
/// checks); a format with infinities always has NaN too.
public struct RuntimeFormat: Hashable, Sendable {
    /// Width w of the biased exponent field.
    public let exponentBitCount: Int
    /// Width f of the trailing significand field; p = f + 1.
    public let fractionBitCount: Int
    /// False when the all-ones exponent field holds finite numbers.
    public let hasInfinities: Bool
    /// False when every encoding is a number.
    public let hasNaN: Bool

    /// The supported exponent widths and precisions.
    public static let exponentBitCounts = 2...11
    public static let precisions = 2...53

    /// The format with these parameters, or an error saying which rule they break.
    public init(
        exponentBitCount w: Int, fractionBitCount f: Int, hasInfinities: Bool = true, hasNaN: Bool = true
    ) throws(RuntimeFormatError) {
        guard Self.exponentBitCounts.contains(w) else {
            throw RuntimeFormatError("exponent width \(w) is outside the supported 2...11")
        }
        guard Self.precisions.contains(f + 1) else {
            throw RuntimeFormatError("precision p = \(f + 1) (\(f) fraction bits) is outside the supported 2...53")
        }
        guard hasNaN || !hasInfinities else {
            throw RuntimeFormatError(
                "inf=yes needs nan=yes: the all-ones exponent field holds the infinities and the NaNs together")
        }
        exponentBitCount = w
        fractionBitCount = f
        self.hasInfinities = hasInfinities
        self.hasNaN = hasNaN
    }

    /// Precision p, with the implicit bit.
    public var precision: Int { fractionBitCount + 1 }
    /// The exponent bias 2^(w-1) - 1.
    public var bias: Int { (1 << (exponentBitCount - 1)) - 1 }
    /// emin = 1 - bias.
    public var minExponent: Int { 1 - bias }
    /// emax: bias with infinities, one more when the all-ones field holds numbers.
    public var maxExponent: Int { hasInfinities ? bias : bias + 1 }
    /// Storage width 1 + w + f.
    public var bitWidth: Int { 1 + exponentBitCount + fractionBitCount }

    /// `e5m10`, `e4m3fn`; the `custom:` spelling when the short one names a built-in format
    /// (`e2m1` is FP4, so the IEEE-like w 2, f 1 is `custom:p=2,emax=1,emin=0`) or when the
    /// format has neither infinities nor NaN. Parsing the name gives this format back.
    public var name: String {
        let short = "e\(exponentBitCount)m\(fractionBitCount)" + (hasInfinities ? "" : "fn")
        if hasNaN && FormatKind(name: short) == nil { return short }
        return customSpelling
    }

    /// `custom:p=11,emax=15,emin=-14,inf=yes,nan=yes`.
    public var customSpelling: String {
        "custom:p=\(precision),emax=\(maxExponent),emin=\(minExponent),inf=\(hasInfinities ? "yes" : "no"),nan=\(hasNaN ? "yes" : "no")"
    }

    /// The layout in words, for messages and tables: `IEEE-like`, `no infinities`, `no infinities, no NaN`.
    public var layoutDescription: String {
        hasInfinities ? "IEEE-like" : hasNaN ? "no infinities" : "no infinities, no NaN"
    }
}

/// A runtime format name or parameter set that breaks a rule: one line saying which.
public struct RuntimeFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
