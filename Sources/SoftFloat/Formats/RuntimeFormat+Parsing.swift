/// The names of runtime formats: `eXmY` (IEEE-like), `eXmYfn` (no infinities, the OCP E4M3
/// layout) and `custom:p=P,emax=E,emin=E[,inf=yes|no][,nan=yes|no]` (inf and nan default to yes).
extension RuntimeFormat {
    /// The grammar in one line, for help texts and errors.
    public static let spellings =
        "eXmY (IEEE-like), eXmYfn (no infinities), custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no]"

    /// The runtime format `text` names (case and surrounding spaces ignored); nil when `text`
    /// is not spelled like one at all (neither `e<digits>m<digits>...` nor `custom:...`); an
    /// error naming the broken rule when it is, but the parameters are not a supported format.
    /// Built-in names (`e4m3`, `e5m2`, `e2m1`, ...) are not looked up here: ``FormatChoice``
    /// gives them precedence.
    public static func parse(_ text: String) throws(RuntimeFormatError) -> RuntimeFormat? {
        let key = String(text.lowercased().drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        if key.hasPrefix("custom:") { return try parseCustom(key.dropFirst("custom:".count)) }
        guard let (w, f, finite) = shortForm(key) else { return nil }
        guard let w, let f else { throw RuntimeFormatError("'\(key)': exponent or fraction width too large") }
        return try RuntimeFormat(exponentBitCount: w, fractionBitCount: f, hasInfinities: !finite, hasNaN: true)
    }

    /// `e<w>m<f>` or `e<w>m<f>fn` split into widths (nil when a number does not fit an Int)
    /// and the `fn` flag; nil when `key` is not of that form.
    static func shortForm(_ key: String) -> (Int?, Int?, Bool)? {
        var rest = Substring(key)
        guard rest.first == "e" else { return nil }
        rest = rest.dropFirst()
        let w = rest.prefix { $0.isASCII && $0.isNumber }
        guard !w.isEmpty else { return nil }
        rest = rest.dropFirst(w.count)
        guard rest.first == "m" else { return nil }
        rest = rest.dropFirst()
        let f = rest.prefix { $0.isASCII && $0.isNumber }
        guard !f.isEmpty else { return nil }
        rest = rest.dropFirst(f.count)
        guard rest.isEmpty || rest == "fn" else { return nil }
        return (Int(w), Int(f), rest == "fn")
    }

    /// The parameters after `custom:`, checked against the layouts: w from emin (the bias
    /// 1 - emin must be 2^(w-1) - 1), and emax must be the layout's (bias with infinities,
    /// bias + 1 without).
    static func parseCustom(_ list: Substring) throws(RuntimeFormatError) -> RuntimeFormat {
        let usage = "custom formats are custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no]"
        var numbers: [String: Int] = [:]
        var switches: [String: Bool] = [:]
        for item in list.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingSpaces
            guard parts.count == 2 else { throw RuntimeFormatError("'\(item)' is not key=value; \(usage)") }
            let value = parts[1].trimmingSpaces
            guard numbers[name] == nil && switches[name] == nil else {
                throw RuntimeFormatError("custom: '\(name)' given twice")
            }
            switch name {
            case "p", "emax", "emin":
                guard let number = Int(value) else {
                    throw RuntimeFormatError("custom: \(name)=\(value) is not an integer")
                }
                numbers[name] = number
            case "inf", "nan":
                guard value == "yes" || value == "no" else {
                    throw RuntimeFormatError("custom: \(name)=\(value): give yes or no")
                }
                switches[name] = value == "yes"
            default:
                throw RuntimeFormatError("custom: unknown key '\(name)'; \(usage)")
            }
        }
        guard let p = numbers["p"], let emax = numbers["emax"], let emin = numbers["emin"] else {
            let missing = ["p", "emax", "emin"].filter { numbers[$0] == nil }.joined(separator: ", ")
            throw RuntimeFormatError("custom: missing \(missing); \(usage)")
        }
        let (inf, nan) = (switches["inf"] ?? true, switches["nan"] ?? true)
        // emin = 1 - bias with bias = 2^(w-1) - 1: bias + 1 = 2 - emin a power of two, at least 2.
        let biasPlusOne = 2 - emin
        guard emin <= 0, emin > -(1 << 20), biasPlusOne & (biasPlusOne - 1) == 0 else {
            throw RuntimeFormatError(
                "custom: emin=\(emin) is not 2 - 2^(w-1) for an exponent width w (0, -2, -6, -14, -30, ..., -1022)")
        }
        let w = biasPlusOne.trailingZeroBitCount + 1
        let format = try RuntimeFormat(exponentBitCount: w, fractionBitCount: p - 1, hasInfinities: inf, hasNaN: nan)
        guard format.maxExponent == emax else {
            throw RuntimeFormatError(
                "custom: emax=\(emax) disagrees with emin=\(emin) (w = \(w), bias \(format.bias)): "
                    + "emax is \(format.bias) with infinities (inf=yes), \(format.bias + 1) without (inf=no)")
        }
        return format
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
