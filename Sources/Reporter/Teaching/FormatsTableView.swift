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
            f.largestFinite + (f.hasInfinities ? "" : !f.hasNaN ? " (no inf, no NaN)" : " (no inf)"),
            f.smallestNormal, f.hasSubnormals ? f.smallestSubnormal : "none",
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
        e2m3, e3m2 (FP6) and e2m1 (FP4), the OCP MX elements, have neither infinities nor NaN: \
        every encoding is a number, overflow saturates to the largest finite value (flags \
        overflow|inexact), a NaN input becomes a zero and an infinite one the largest (invalid).
        e8m0, the MX block scale, is unsigned powers of two 2^-127 ... 2^127 (no zero, no \
        subnormals, 0xFF NaN); zero and negative inputs give NaN (invalid), ties go up.
        """
    return renderColumns([header] + rows, leftColumns: 2) + "\n" + notes
}
