import CMPFR

/// Reading and writing decimal (and, for reading, hexadecimal) text.
extension MPFRValue {
    /// Sets the value to the number `text` starts with, correctly rounded (`mpfr_strtofr`);
    /// returns the ternary value. Base 0 reads MPFR's syntax with prefixes: decimal
    /// `1.5e-3`, hexadecimal `0x1.8p-3`, binary `0b101`, and `inf`/`nan`. Reading stops at the
    /// first character that does not continue the number (none is read from "", giving +0),
    /// so validate the text first where that matters.
    @discardableResult
    public func set(parsing text: String, base: Int32 = 0, rounding: mpfr_rnd_t = MPFR_RNDN) -> Int32 {
        withUnsafeMPFR { r in text.withCString { mpfr_strtofr(r, $0, nil, base, rounding) } }
    }

    /// For a regular value, its first `count` significant decimal digits rounded by
    /// `rounding` (`mpfr_get_str`, `count` >= 2) and the decimal exponent: |value| ≈
    /// 0.`digits` * 10^`exponent`. The sign is not among the digits (see ``isNegative``).
    /// nil for zeros, infinities and NaN.
    public func significantDigits(_ count: Int, rounding: mpfr_rnd_t = MPFR_RNDN) -> (digits: String, exponent: Int)? {
        guard isRegular else { return nil }
        var exponent = 0
        let digits: String? = withUnsafeMPFR { x in
            guard let raw = mpfr_get_str(nil, &exponent, 10, count, x, rounding) else { return nil }
            defer { mpfr_free_str(raw) }
            return String(cString: raw)
        }
        guard var digits else { return nil }
        if digits.first == "-" { digits.removeFirst() }
        return (digits, exponent)
    }
}
