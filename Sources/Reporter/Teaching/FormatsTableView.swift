import _MPStudySupport
import FloatTeaching
import SoftFloat

/// `mpstudy formats`: one row per format, one column per parameter.
public func renderFormatsTable(_ formats: [FormatParameters]) -> String {
    let header = [
        "format", "aliases", "bits", "exp", "frac", "bias", "p", "emin", "emax",
        "largest finite", "smallest normal", "smallest subnormal", "epsilon 2^(1-p)", "unit roundoff 2^-p", "digits",
    ]
    let rows = formats.map { f -> [String] in
        [
            f.name, f.aliases.joined(separator: ", "), String(f.storageBits), String(f.exponentBits),
            String(f.fractionBits),
            String(f.bias), String(f.precision), String(f.minExponent), String(f.maxExponent),
            f.largestFinite + (f.hasInfinities ? "" : " (no inf)"), f.smallestNormal, f.smallestSubnormal,
            f.machineEpsilon, f.unitRoundoff, DecimalText.fixed(f.decimalDigits, decimals: 2, trimmingZeros: true),
        ]
    }
    let notes = """

        bits = storage width; exp/frac = exponent and fraction field widths; p = precision \
        (frac + 1); emin/emax = exponents of the smallest normal and largest finite values; \
        epsilon = gap from 1 to the next value; unit roundoff = largest relative error of \
        round-to-nearest; digits = p * log10(2).
        e4m3 has no infinities: its top exponent holds numbers up to 448, S.1111.111 is NaN; \
        overflow gives NaN, or 448 in saturating mode.
        """
    return renderColumns([header] + rows, leftColumns: 2) + "\n" + notes
}
