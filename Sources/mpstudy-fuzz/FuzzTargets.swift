import FloatTeaching
import Reference
import Reporter
import SoftFloat
import TensorFiles

/// What one input did: the anomalies the run counts (crashes and hangs are counted by the
/// caller, the script and the watchdog).
struct Anomalies {
    /// Error messages that were not one printable line (`FloatParseError.printable`), or too long.
    var multiLineErrors: [String] = []
    /// Parse results that did not read back, or that disagreed between rounding attributes.
    var roundTripFailures: [String] = []
    /// Parse results that differ from MPFR's (`mpfr_strtofr`).
    var mpfrMismatches: [String] = []
}

/// The fuzzed commands, run in-process exactly as `mpstudy` runs them (model, text view and
/// JSON), with the checks of each.
enum FuzzCommand: String, CaseIterable {
    case explain, decode, calc, parse
    /// The tensor-file readers, on mutated fixtures (`TensorFileFuzz.swift`).
    case npy, npz, safetensors

    /// Runs input `index` of `seed`; returns it and its settings (for reports) and what went
    /// wrong. With `dryRun`, only generates it (to name an input that crashes or hangs).
    func run(seed: UInt64, index: Int, oracle: Oracle, corpus: TensorFileCorpus, dryRun: Bool = false) -> (
        input: String, settings: String, anomalies: Anomalies
    ) {
        var inputs = FuzzInputs(seed: seed, index: index)
        var anomalies = Anomalies()
        let style = TeachingStyle(colors: inputs.chance(2))
        switch self {
        case .npy: return fuzzTensorFile(.npy, inputs: inputs, corpus: corpus, dryRun: dryRun)
        case .npz: return fuzzTensorFile(.npz, inputs: inputs, corpus: corpus, dryRun: dryRun)
        case .safetensors: return fuzzTensorFile(.safetensors, inputs: inputs, corpus: corpus, dryRun: dryRun)
        case .explain:
            let text = inputs.chance(3) ? inputs.mutated(inputs.number()) : inputs.number()
            let kind = inputs.formatChoice()
            let rounding = inputs.pick(RoundingRule.allCases)
            let tininess = inputs.pick(Tininess.allCases)
            let saturating = inputs.chance(2)
            if dryRun {
                return (
                    text, "\(kind.name) \(rounding.name) \(tininess.name)\(saturating ? " saturating" : "")", anomalies
                )
            }
            do {
                if inputs.chance(8) {
                    let views = try FormatKind.allCases.map {
                        try ValueExplanation.explaining(
                            text, format: $0, rounding: rounding, tininess: tininess, saturating: saturating)
                    }
                    _ = renderExplanationRows(views, style: style)
                    _ = explanationsJSON(views)
                } else {
                    let view = try ValueExplanation.explaining(
                        text, format: kind, rounding: rounding, tininess: tininess,
                        saturating: saturating)
                    _ = renderExplanation(view, style: style)
                    _ = explanationJSON(view)
                }
            } catch {
                check(String(describing: error), &anomalies)
            }
            return (text, "\(kind.name) \(rounding.name) \(tininess.name)\(saturating ? " saturating" : "")", anomalies)
        case .decode:
            let text = inputs.chance(3) ? inputs.mutated(inputs.bitPattern()) : inputs.bitPattern()
            let kind = inputs.formatChoice()
            if dryRun { return (text, kind.name, anomalies) }
            do {
                let pattern = try BitPattern.parse(text, width: kind.bitWidth, formatName: kind.name)
                let view = ValueExplanation.decoding(pattern, format: kind)
                _ = renderExplanation(view, style: style)
                _ = explanationJSON(view)
            } catch {
                check(String(describing: error), &anomalies)
            }
            return (text, kind.name, anomalies)
        case .calc:
            let text = inputs.chance(3) ? inputs.mutated(inputs.expression()) : inputs.expression()
            let kind = inputs.formatChoice()
            let rounding = inputs.pick(RoundingRule.allCases)
            let saturating = inputs.chance(4)
            if dryRun { return (text, "\(kind.name) \(rounding.name)\(saturating ? " saturating" : "")", anomalies) }
            do {
                let parsed = try CalcExpression.parse(text)
                var evaluation = CalcEvaluation.evaluate(
                    parsed, text: text, format: kind, rounding: rounding, saturating: saturating)
                CalcReference().complete(&evaluation, expression: parsed, format: kind)
                _ = renderCalc(evaluation, style: style)
                _ = calcJSON(evaluation)
            } catch {
                check(String(describing: error), &anomalies)
            }
            return (text, "\(kind.name) \(rounding.name)\(saturating ? " saturating" : "")", anomalies)
        case .parse:
            let text = inputs.chance(3) ? inputs.mutated(inputs.number()) : inputs.number()
            let compareWithMPFR = inputs.chance(4)
            let tininess = inputs.pick(Tininess.allCases)
            let saturating = inputs.chance(3)
            if dryRun { return (text, "\(tininess.name)\(saturating ? " saturating" : "")", anomalies) }
            // Every built-in format, and one runtime format drawn for the input.
            for kind in FormatKind.allCases.map(FormatChoice.builtIn) + [.runtime(inputs.runtimeFormat())] {
                struct Visitor: FormatVisitor {
                    let text: String, tininess: Tininess, saturating: Bool, compareWithMPFR: Bool, oracle: Oracle
                    func visit<F: BinaryFormat>(_: F.Type) -> Anomalies {
                        checkParsing(
                            text, F.self, tininess: tininess, saturating: saturating,
                            compareWithMPFR: compareWithMPFR, oracle: oracle)
                    }
                }
                let found = kind.visit(
                    Visitor(
                        text: text, tininess: tininess, saturating: saturating,
                        compareWithMPFR: compareWithMPFR, oracle: oracle))
                anomalies.multiLineErrors += found.multiLineErrors
                anomalies.roundTripFailures += found.roundTripFailures
                anomalies.mpfrMismatches += found.mpfrMismatches
                if !found.multiLineErrors.isEmpty { break }  // the same error in every format
            }
            return (text, "\(tininess.name)\(saturating ? " saturating" : "")", anomalies)
        }
    }
}

/// An error message must be one printable line of reasonable length (what `mpstudy` prints
/// after "mpstudy: error: ").
func check(_ message: String, _ anomalies: inout Anomalies) {
    if message != FloatParseError.printable(message) || message.isEmpty || message.count > 600 {
        anomalies.multiLineErrors.append(message)
    }
}

/// Parses `text` into F under every rounding attribute and checks: the error, if any, is one
/// line; every result is NaN exactly for NaN words (and for inf in E4M3 without saturation);
/// a finite result's exact decimal reads back exactly (no flag) under every attribute and
/// its shortest decimal reads back to it to nearest; the results are ordered (down <= toward
/// zero, nearest, up) and all equal when exact; and, when asked, bits and flags agree with MPFR.
func checkParsing<F: BinaryFormat>(
    _ text: String, _: F.Type, tininess: Tininess, saturating: Bool,
    compareWithMPFR: Bool, oracle: Oracle
) -> Anomalies {
    typealias Value = BinaryFloat<F>
    var anomalies = Anomalies()
    var scanner = NumberScanner(text)
    let number: ScannedNumber
    do {
        number = try scanner.scan()
    } catch {
        check(String(describing: error), &anomalies)
        // The parser must refuse exactly what the scanner refuses.
        var env = FloatEnvironment()
        if (try? Value(parsing: text, in: &env)) != nil {
            anomalies.roundTripFailures.append("\(F.name): scanner refused, parser accepted")
        }
        return anomalies
    }
    var results: [RoundingRule: (Value, ExceptionFlags)] = [:]
    for rounding in RoundingRule.allCases {
        var env = FloatEnvironment(rounding: rounding, tininess: tininess, saturatesOverflow: saturating)
        guard let x = try? Value(parsing: text, in: &env) else {
            anomalies.roundTripFailures.append("\(F.name) \(rounding.name): scanner accepted, parser refused")
            return anomalies
        }
        results[rounding] = (x, env.flags)
        // MPFR's exponent range ends near 10^(±1.39e18): an exponent beyond ±10^18 (saturated
        // here) is past what it reads faithfully.
        if compareWithMPFR && !number.exponentSaturated {
            let expected = oracle.parse(
                text, to: F.self, rounding: rounding, tininess: tininess, saturating: saturating)
            if expected.value.bits != x.bits || expected.flags != env.flags {
                anomalies.mpfrMismatches.append("\(F.name) \(rounding.name): \(hex(x)) \(env.flags), MPFR \(expected)")
            }
        }
        func fail(_ what: String) {
            anomalies.roundTripFailures.append("\(F.name) \(rounding.name) \(hex(x)): \(what)")
        }
        let nanWord: Bool
        switch number.kind {
        // FP6/FP4 have no NaN ("nan" reads as a zero, "inf" as the largest).
        case .nan: nanWord = F.hasNaN
        case .infinity: nanWord = !F.hasInfinities && F.hasNaN && !saturating
        case .decimal, .hex: nanWord = false
        }
        // E4M3 and E8M0 without saturation overflow to NaN (they have no infinity); E8M0's
        // zero and negative numbers are NaN with invalid (no encoding).
        let overflowNaN = x.isNaN && !F.hasInfinities && env.flags.contains(.overflow)
        let unrepresentable = x.isNaN && !F.hasZero && env.flags.contains(.invalid)
        if x.isNaN != nanWord && !overflowNaN && !unrepresentable {
            fail("NaN for a number, or a number for NaN")
        }
        guard x.isFinite else { continue }
        for back in RoundingRule.allCases {
            var exactEnv = FloatEnvironment(rounding: back)
            let exact = try? Value(parsing: x.exactDecimal, in: &exactEnv)
            if exact?.bits != x.bits || !exactEnv.flags.isEmpty {
                fail(
                    "exact decimal \(x.exactDecimal) reads back as \(exact.map(hex) ?? "error") \(exactEnv.flags) (\(back.name))"
                )
            }
        }
        var shortEnv = FloatEnvironment()
        let short = try? Value(parsing: x.shortestDescription, in: &shortEnv)
        if short?.bits != x.bits {
            fail("shortest \(x.shortestDescription) reads back as \(short.map(hex) ?? "error")")
        }
        var teachingEnv = FloatEnvironment()
        let teaching = try? Value(parsing: x.teachingShortest, in: &teachingEnv)
        if teaching?.bits != x.bits {
            fail("teaching shortest \(x.teachingShortest) reads back as \(teaching.map(hex) ?? "error")")
        }
    }
    // Directed roundings bracket the others; an exact result is the same in every attribute.
    if let (down, downFlags) = results[.down], let (up, _) = results[.up], down.isFinite || down.isInfinite,
        !down.isNaN, !up.isNaN
    {
        var env = FloatEnvironment()
        for rounding in RoundingRule.allCases {
            guard let (x, _) = results[rounding], !x.isNaN else { continue }
            let aboveDown = !x.isLess(than: down, in: &env)
            let belowUp = !up.isLess(than: x, in: &env)
            if !(aboveDown && belowUp) {
                anomalies.roundTripFailures.append(
                    "\(F.name) \(rounding.name) \(hex(x)) outside [\(hex(down)), \(hex(up))]")
            }
            if !downFlags.contains(.inexact) && x.bits != down.bits {
                anomalies.roundTripFailures.append(
                    "\(F.name) exact but \(rounding.name) gives \(hex(x)), down \(hex(down))")
            }
        }
    }
    return anomalies
}

func hex<F: BinaryFormat>(_ x: BinaryFloat<F>) -> String { "0x" + String(UInt64(x.bits), radix: 16) }
