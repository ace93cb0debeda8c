import SoftFloat

/// explain's errors of a stored value against the decimal or hexadecimal input it came from:
/// absolute stored - input, relative |stored - input| / |input|, and (stored - input) /
/// ulp(stored), computed from the exact numbers, never in binary64 (whose range would turn
/// 2^-1065 ulps into 0 and 10^400 into infinity).
///
/// Two ways, both bounded in time and memory whatever the input:
/// - exactly, with ``ExactRational``, whenever the numbers fit its budget: every input within
///   thousands of orders of magnitude of the format's range, every input whose stored value is
///   zero (the error is then minus the input, digits and exponent as written:
///   `-1e-99999999999999`);
/// - otherwise (a stored value 10^(10^14) away from the input, a hexadecimal input
///   0x1p-99999999999, an input of more than 800 digits), with MPFR interval arithmetic on
///   the input's text (``Enclosure``): 40 proven digits of the absolute error, 5 of the ratios.
///
/// The relative error of a zero input is undefined (nil): 0 / 0 when the stored value is
/// zero too, which it always is.
struct InputErrors {
    var absolute: ShownDecimal?
    var relative: ShownDecimal?
    var ulps: ShownDecimal?
    /// Why no error is shown although the value is finite (an input beyond MPFR's range).
    var note: String?

    /// The errors of `stored` against `number` (the scan of `text`); all nil for a NaN or
    /// infinite input or result. An input longer than the scanner keeps (800 significant
    /// decimal digits, 15 hexadecimal ones: `sticky`) goes the MPFR way, which reads every digit.
    init<F: BinaryFormat>(stored: BinaryFloat<F>, input number: ScannedNumber, text: String) {
        self = Self.compute(stored: stored, input: number, text: text)
    }

    private init() {}

    private static func compute<F: BinaryFormat>(
        stored: BinaryFloat<F>, input number: ScannedNumber,
        text: String
    ) -> InputErrors {
        var result = InputErrors()
        guard stored.isFinite else { return result }
        let cut: Bool
        switch number.kind {
        case .nan, .infinity: return result
        case let .decimal(_, _, _, sticky): cut = sticky
        case let .hex(_, _, sticky): cut = sticky
        }
        // ulp(stored) = 2^q, q the exponent of the last significand bit (emin - f for zero).
        let (_, q) = stored.integerSignificandAndExponent!
        // A cut input (more digits than the scanner keeps) has its exact value only in the
        // text: MPFR reads all of it.
        if !cut, let input = ExactRational(number), let error = ExactRational(stored).subtracting(input),
            let inUlps = error.scaled(byPowerOfTwo: -q)
        {
            result.absolute = ShownDecimal(error, style: .value)
            result.relative =
                input.isZero
                ? nil
                : error.magnitude.divided(by: input.magnitude).map { ShownDecimal($0, style: .ratio) }
            result.ulps = ShownDecimal(inUlps, style: .ratio)
            return result
        }
        return bounded(stored: stored, ulpExponent: q, text: text)
    }

    /// The MPFR way (see the type's description): the input's text read into intervals at
    /// increasing precisions until each error's digits are proven, or their bounds after the
    /// last precision.
    private static func bounded<F: BinaryFormat>(
        stored: BinaryFloat<F>, ulpExponent q: Int,
        text: String
    ) -> InputErrors {
        var absolute: ShownDecimal?
        var relative: ShownDecimal?
        var ulps: ShownDecimal?
        // A zero stored value is all error: the relative error is exactly 1.
        if stored.isZero { relative = ShownDecimal(text: "1", isExact: true) }
        var last: (error: Enclosure, ratio: Enclosure?, inUlps: Enclosure)?
        let (_, outOfRange) = Enclosure.withWidestRange {
            for precision in Enclosure.precisions {
                let input = Enclosure.parsing(text, precision: precision)
                let error = Enclosure.subtract(Enclosure.point(stored, precision: precision), input)
                let ratio = Enclosure.divide(Enclosure.magnitude(error), Enclosure.magnitude(input))
                let inUlps = Enclosure.scaled(error, byPowerOfTwo: -q)
                absolute = absolute ?? error.shown(style: .value)
                relative = relative ?? ratio?.shown(style: .ratio)
                ulps = ulps ?? inUlps.shown(style: .ratio)
                if absolute != nil && relative != nil && ulps != nil { return }
                last = (error, ratio, inUlps)
            }
            if let last {
                absolute = absolute ?? last.error.bounds(digits: DecimalStyle.value.roundedDigits)
                relative = relative ?? last.ratio?.bounds()
                ulps = ulps ?? last.inUlps.bounds()
            }
        }
        var result = InputErrors()
        if outOfRange {
            result.note = "not computed: the input lies beyond MPFR's exponent range (2^±4.6e18)"
        } else {
            (result.absolute, result.relative, result.ulps) = (absolute, relative, ulps)
        }
        return result
    }
}
