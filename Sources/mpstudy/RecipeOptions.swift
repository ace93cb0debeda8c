import ArgumentParser
import Precision

/// The options of the low-precision recipes (`--policy fp8_delayed`, `mxfp4`, ...), shared by
/// `train` and `analyze`. Each applies to some recipes only; one given to a run whose
/// policies have no use for it is refused with one line.
struct RecipeOptions: ParsableArguments {
    @Option(
        name: .customLong("amax-history"), parsing: .unconditional,
        help: "fp8_delayed: training steps of amax history (Transformer Engine's amax_history_len; default 1024).")
    var amaxHistory: Int?

    @Option(
        name: .customLong("amax-rule"),
        help: "fp8_delayed: max (the largest amax of the history; default) or most_recent.")
    var amaxRule: String?

    @Option(
        name: .customLong("fp8-margin"), parsing: .unconditional,
        help: "fp8_delayed, fp8_current: scale = max_element / amax / 2^margin (default 0).")
    var fp8Margin: Int?

    @Option(
        name: .customLong("fp8-format"),
        help:
            "FP8 elements of fp8_delayed, fp8_current, mxfp8 and the backward of mxfp6/mxfp4: hybrid (E4M3 forward, E5M2 gradients) or e4m3. Default: Transformer Engine's, hybrid for fp8_delayed and fp8_current, e4m3 for the MX recipes."
    )
    var fp8Format: String?

    @Option(name: .customLong("fp6-format"), help: "mxfp6: e2m3 (default) or e3m2.")
    var fp6Format: String?

    @Flag(
        name: .customLong("backward-same-element"),
        help: "mxfp6, mxfp4: quantise the backward GEMMs' operands in the forward element format too (default: MXFP8).")
    var backwardSameElement = false

    @Flag(
        name: .customLong("stochastic-gradients"),
        help:
            "nvfp4: round the gradients of the backward GEMMs stochastically (seeded by --seed; default: to nearest).")
    var stochasticGradients = false

    /// Each given option, its name and the recipes that use it.
    private var given: [(option: String, users: [Recipe.Kind])] {
        var list: [(String, [Recipe.Kind])] = []
        if amaxHistory != nil { list.append(("--amax-history", [.fp8Delayed])) }
        if amaxRule != nil { list.append(("--amax-rule", [.fp8Delayed])) }
        if fp8Margin != nil { list.append(("--fp8-margin", [.fp8Delayed, .fp8Current])) }
        if fp8Format != nil { list.append(("--fp8-format", [.fp8Delayed, .fp8Current, .mxfp8, .mxfp6, .mxfp4])) }
        if fp6Format != nil { list.append(("--fp6-format", [.mxfp6])) }
        if backwardSameElement { list.append(("--backward-same-element", [.mxfp6, .mxfp4])) }
        if stochasticGradients { list.append(("--stochastic-gradients", [.nvfp4])) }
        return list
    }

    /// Refuses an option that none of `policies` uses, and malformed values.
    func check(_ policies: [PrecisionPolicy]) throws(RecipeOptionError) {
        let kinds = policies.compactMap { $0.recipe?.kind }
        for (option, users) in given where !users.contains(where: kinds.contains) {
            throw RecipeOptionError(
                description:
                    "\(option) applies to \(users.map(\.rawValue).joined(separator: ", ")) only; the run's policies (\(policies.map(\.name).joined(separator: ", "))) have no use for it"
            )
        }
        _ = try recipe(Recipe(.fp8Delayed))
    }

    /// `policy` with these options when it is a recipe, unchanged otherwise.
    func applied(to policy: PrecisionPolicy) throws(RecipeOptionError) -> PrecisionPolicy {
        guard let recipe = policy.recipe else { return policy }
        return policy.with(recipe: try self.recipe(recipe))
    }

    private func recipe(_ base: Recipe) throws(RecipeOptionError) -> Recipe {
        var r = base
        if let amaxHistory { r.amaxHistoryLength = amaxHistory }
        if let amaxRule {
            guard let rule = AmaxHistory.Rule(rawValue: amaxRule) else {
                throw RecipeOptionError(description: "unknown --amax-rule '\(amaxRule)'; valid: max, most_recent")
            }
            r.amaxRule = rule
        }
        if let fp8Margin { r.margin = fp8Margin }
        if let fp8Format {
            guard let format = Recipe.FP8Format(rawValue: fp8Format.lowercased()) else {
                throw RecipeOptionError(description: "unknown --fp8-format '\(fp8Format)'; valid: hybrid, e4m3")
            }
            r.fp8Format = format
        }
        if let fp6Format {
            guard let element = ElementFormat(rawValue: fp6Format.lowercased()), element == .e2m3 || element == .e3m2
            else { throw RecipeOptionError(description: "unknown --fp6-format '\(fp6Format)'; valid: e2m3, e3m2") }
            r.fp6Element = element
        }
        r.backwardUsesForwardElement = backwardSameElement
        r.stochasticGradients = stochasticGradients && r.kind == .nvfp4
        if let problem = r.problem { throw RecipeOptionError(description: problem) }
        return r
    }
}

/// A recipe option that does not apply or does not parse: a usage error (exit 64).
struct RecipeOptionError: UsageError, CustomStringConvertible {
    let description: String
}
