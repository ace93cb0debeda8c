import SoftFloat
import Testing

/// The names of runtime formats: built-in names first, `eXmY`, `eXmYfn`, `custom:`, and a
/// one-line refusal naming the broken rule. Expected parameters are derived by hand from
/// the layouts (bias 2^(w-1) - 1, emin = 1 - bias, emax = bias with infinities, bias + 1
/// without).
@Suite struct RuntimeFormatNameTests {
    func runtime(_ text: String) throws -> RuntimeFormat? {
        guard case .runtime(let format)? = try FormatChoice.named(text) else { return nil }
        return format
    }

    @Test func builtInNamesWin() throws {
        #expect(try FormatChoice.named("e4m3") == .builtIn(.e4m3))
        #expect(try FormatChoice.named("E5M2") == .builtIn(.e5m2))
        #expect(try FormatChoice.named("e2m1") == .builtIn(.e2m1))
        #expect(try FormatChoice.named(" half ") == .builtIn(.binary16))
        #expect(try FormatChoice.named("quarter") == nil)
        #expect(try FormatChoice.named("e5") == nil)
    }

    @Test func shortNames() throws {
        // e5m10: w 5, f 10, bias 15, emin -14, emax 15 (binary16's layout).
        let half = try #require(try runtime("e5m10"))
        #expect(half.exponentBitCount == 5 && half.fractionBitCount == 10 && half.hasInfinities && half.hasNaN)
        #expect(half.minExponent == -14 && half.maxExponent == 15 && half.precision == 11 && half.bitWidth == 16)
        // e4m3fn: bias 7, emin -6, emax 8 (the top field holds numbers): OCP E4M3.
        let fn = try #require(try runtime("E4M3FN"))
        #expect(!fn.hasInfinities && fn.hasNaN && fn.minExponent == -6 && fn.maxExponent == 8)
        #expect(fn.name == "e4m3fn")
        #expect(half.name == "e5m10")
    }

    @Test func customNames() throws {
        // p=8, emin=-126: bias 127, w 8; emax 127 with infinities: bfloat16's layout.
        #expect(try runtime("custom:p=8,emax=127,emin=-126,inf=yes,nan=yes") == (try runtime("e8m7")))
        // inf and nan default to yes; spaces and case ignored.
        #expect(
            try runtime("Custom: p=3, emax=15, emin=-14")
                == (try RuntimeFormat(exponentBitCount: 5, fractionBitCount: 2)))
        // FP6 E2M3: p 4, bias 1 (emin 0), emax 2 = bias + 1 without infinities.
        let fp6 = try #require(try runtime("custom:p=4,emax=2,emin=0,inf=no,nan=no"))
        #expect(fp6.exponentBitCount == 2 && fp6.fractionBitCount == 3 && !fp6.hasNaN && !fp6.hasInfinities)
        // A short name that is a built-in's is spelled custom: (IEEE-like w 2, f 1 is not FP4).
        let ieee21 = try RuntimeFormat(exponentBitCount: 2, fractionBitCount: 1)
        #expect(ieee21.name == "custom:p=2,emax=1,emin=0,inf=yes,nan=yes")
        #expect(fp6.name == "custom:p=4,emax=2,emin=0,inf=no,nan=no")
    }

    /// Every name parses back to its format.
    @Test func namesRoundTrip() throws {
        for w in 2...11 {
            for f in [1, 2, 3, 7, 10, 23, 52] {
                for (inf, nan) in [(true, true), (false, true), (false, false)] {
                    let format = try RuntimeFormat(
                        exponentBitCount: w, fractionBitCount: f, hasInfinities: inf, hasNaN: nan)
                    #expect(try FormatChoice.named(format.name) == .runtime(format), "\(format.name)")
                    #expect(try FormatChoice.named(format.customSpelling) == .runtime(format))
                }
            }
        }
    }

    @Test(arguments: [
        ("e12m3", "exponent width 12"),
        ("e1m3", "exponent width 1"),
        ("e5m0", "p = 1"),
        ("e5m53", "p = 54"),
        ("e5m99999999999999999999999", "too large"),
        ("custom:p=3,emax=15", "missing emin"),
        ("custom:p=3,emax=15,emin=-13", "emin=-13 is not 2 - 2^(w-1)"),
        ("custom:p=3,emax=16,emin=-14", "emax=16 disagrees"),
        ("custom:p=3,emax=15,emin=-14,inf=no", "emax=15 disagrees"),
        ("custom:p=3,emax=15,emin=-14,inf=yes,nan=no", "inf=yes needs nan=yes"),
        ("custom:p=3,emax=15,emin=-14,inf=maybe", "give yes or no"),
        ("custom:p=3,emax=15,emin=-14,bias=15", "unknown key 'bias'"),
        ("custom:p=3,p=4,emax=15,emin=-14", "'p' given twice"),
        ("custom:p=x,emax=15,emin=-14", "not an integer"),
        ("custom:", "not key=value"),
    ])
    func refusals(_ text: String, _ reason: String) {
        do {
            let parsed = try FormatChoice.named(text)
            Issue.record("\(text) parsed as \(String(describing: parsed))")
        } catch {
            #expect(error.description.contains(reason), "\(text): \(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }
}
