import SoftFloat

/// What `mpstudy explain` and `mpstudy decode` show about one value of a format (plain
/// values for the Reporter): the fields, the exact stored value, its neighbours and class,
/// and — when it came from a decimal input — the rounding error and the flags raised.
public struct ValueExplanation: Sendable {
    public var formatName: String
    public var bitWidth: Int
    /// The encoding in hex (`0x2e66`) and its three fields as binary digits.
    public var hex: String
    public var signField: String
    public var exponentField: String
    public var fractionField: String
    /// Biased exponent field value, and the exponent it encodes (emin for subnormals;
    /// nil for infinities and NaNs).
    public var biasedExponent: Int
    public var exponent: Int?
    /// `(-1)^0 × 2^-4 × 1.1001100110b`.
    public var formula: String
    public var floatClass: FloatClass
    /// Every digit of the stored value; the shortest decimal that reads back to it (without a
    /// `.0` that would make it look exact: `450` for E4M3's 448).
    public var exactValue: String
    public var shortestValue: String
    /// The two neighbours (nextDown, nextUp): hex and exact value.
    public var below: (hex: String, exact: String)
    public var above: (hex: String, exact: String)
    /// The gap to the next value away from zero at this magnitude (ulp), exact; nil for
    /// infinities and NaNs.
    public var ulp: String?

    /// The decimal input, the rounding attribute and the flags (explain only).
    public var input: String?
    public var rounding: RoundingRule?
    public var flags: ExceptionFlags?
    /// stored - input; |stored - input| / |input|; (stored - input) / ulp(stored), from the
    /// exact numbers (``ShownDecimal`` says how they are written and when they are rounded).
    /// nil when undefined: all three for a NaN or infinite input or result, the relative
    /// error for a zero input (0 / 0).
    public var absoluteError: ShownDecimal?
    public var relativeError: ShownDecimal?
    public var ulpError: ShownDecimal?
    /// Why the errors are missing although input and result are finite, if they are.
    public var errorNote: String?
    /// True if the input had more digits than the parser keeps exactly (800 significant decimal
    /// digits, 15 hexadecimal ones; the rest only decide the rounding): its errors are then
    /// MPFR's, from every digit, correctly rounded rather than exact.
    public var errorIsApproximate = false

    /// The view of the encoding `bits` of a built-in format.
    public static func decoding(_ bits: UInt64, format kind: FormatKind) -> ValueExplanation {
        decoding(bits, format: .builtIn(kind))
    }

    /// The view of the encoding `bits` of `kind` (`decode`): its low `bitWidth` bits (the
    /// caller refuses wider patterns, ``BitPattern``).
    public static func decoding(_ bits: UInt64, format kind: FormatChoice) -> ValueExplanation {
        struct Visitor: FormatVisitor {
            let bits: UInt64
            func visit<F: BinaryFormat>(_: F.Type) -> ValueExplanation {
                // Masked to the format's width: a runtime format stores its encodings in 64 bits.
                let mask: UInt64 = F.bitWidth >= 64 ? ~0 : (1 << UInt64(F.bitWidth)) - 1
                return ValueExplanation(BinaryFloat<F>(bits: F.Bits(truncatingIfNeeded: bits & mask)))
            }
        }
        return kind.visit(Visitor(bits: bits))
    }

    /// `text` parsed into a built-in format under `rounding` (`explain`).
    public static func explaining(
        _ text: String, format kind: FormatKind, rounding: RoundingRule,
        tininess: Tininess = .afterRounding,
        saturating: Bool = false
    ) throws(FloatParseError) -> ValueExplanation {
        try explaining(text, format: .builtIn(kind), rounding: rounding, tininess: tininess, saturating: saturating)
    }

    /// `text` parsed into `kind` (built-in or runtime) under `rounding` (`explain`).
    public static func explaining(
        _ text: String, format kind: FormatChoice, rounding: RoundingRule,
        tininess: Tininess = .afterRounding,
        saturating: Bool = false
    ) throws(FloatParseError) -> ValueExplanation {
        var scanner = NumberScanner(text)
        let number = try scanner.scan()
        struct Visitor: FormatVisitor {
            let number: ScannedNumber, text: String, env: FloatEnvironment
            func visit<F: BinaryFormat>(_: F.Type) -> ValueExplanation {
                var env = env
                let x = BinaryFloat<F>.round(number, &env)
                var view = ValueExplanation(x)
                view.addInput(text, number, x, env)
                return view
            }
        }
        let env = FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
        return kind.visit(Visitor(number: number, text: text, env: env))
    }

    init<F: BinaryFormat>(_ x: BinaryFloat<F>) {
        typealias Value = BinaryFloat<F>
        formatName = F.name
        bitWidth = F.bitWidth
        hex = Self.hex(UInt64(x.bits), width: F.bitWidth)
        let all = String(UInt64(x.bits), radix: 2)
        let padded = String(repeating: "0", count: F.bitWidth - all.count) + all
        // E8M0 has no sign bit: its sign field is empty.
        signField = F.hasSign ? String(padded.prefix(1)) : ""
        exponentField = String(padded.dropFirst(F.hasSign ? 1 : 0).prefix(F.exponentBitCount))
        fractionField = String(padded.suffix(F.fractionBitCount))
        biasedExponent = x.exponentField
        floatClass = x.floatClass
        exactValue = x.exactDecimal
        shortestValue = x.teachingShortest
        var env = FloatEnvironment()
        let down = x.nextDown(in: &env)
        let up = x.nextUp(in: &env)
        below = (Self.hex(UInt64(down.bits), width: F.bitWidth), down.exactDecimal)
        above = (Self.hex(UInt64(up.bits), width: F.bitWidth), up.exactDecimal)
        let signText = "(-1)^\(x.sign ? 1 : 0)"
        if x.isFinite {
            // Field 0 is subnormal (exponent emin), except in E8M0, where it is 2^-127.
            let subnormal = x.exponentField == 0 && F.hasZero
            let e = (subnormal ? 1 : x.exponentField) - F.bias
            exponent = e
            let lead = subnormal ? "0" : "1"
            formula = "\(signText) × 2^\(e) × \(lead).\(fractionField)b"
            if !F.hasSign && F.fractionBitCount == 0 { formula = "2^\(e)" }
            if x.isZero { formula = "\(signText) × 0" }
            ulp = Value.exactDecimal(significand: 1, exponent: e - F.fractionBitCount)
        } else {
            exponent = nil
            formula = x.isNaN ? (x.isSignalingNaN ? "signalling NaN" : "quiet NaN") : "\(signText) × infinity"
            ulp = nil
        }
    }

    mutating func addInput<F: BinaryFormat>(
        _ text: String, _ number: ScannedNumber, _ x: BinaryFloat<F>,
        _ env: FloatEnvironment
    ) {
        input = text
        rounding = env.rounding
        flags = env.flags
        switch number.kind {
        case .nan, .infinity: break
        case let .decimal(_, _, _, sticky), let .hex(_, _, sticky): errorIsApproximate = sticky
        }
        let errors = InputErrors(stored: x, input: number, text: text)
        (absoluteError, relativeError, ulpError, errorNote) = (
            errors.absolute, errors.relative, errors.ulps, errors.note
        )
    }

    static func hex(_ bits: UInt64, width: Int) -> String {
        let digits = String(bits, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, (width + 3) / 4 - digits.count)) + digits
    }
}
