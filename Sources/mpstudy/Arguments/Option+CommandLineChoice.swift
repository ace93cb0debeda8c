//===--- Option+CommandLineChoice.swift -----------------------------------===//
//
// `@Option` for values of a closed set: parsed by the type, help and completions generated.
//
//===----------------------------------------------------------------------===//

import ArgumentParser

/// `@Option` declarations for ``CommandLineChoice`` values and ``Selection`` lists. Each one
/// parses with the type (one-line refusal naming the valid values), appends the generated
/// list of values and the default to the help text, and completes the canonical names in
/// the shells (`mpstudy --generate-completion-script bash`):
///
/// ```swift
/// @Option(help: "The format.") var format: FormatKind = .binary16
/// @Option(help: "Formats to check.") var format: Selection<FormatKind> = .all
/// @Option(name: .customLong("layer"), help: "Layers to show.") var layers: [Selection<ModelLayer>] = []
/// ```
extension Option {
    /// One value, with a default.
    init(wrappedValue: Value, name: NameSpecification = .long, help: String) where Value: CommandLineChoice {
        self.init(
            wrappedValue: wrappedValue, name: name,
            help: ChoiceHelp.help(help, Value.self, values: Value.validList, default: wrappedValue.name),
            completion: .list(Value.names), transform: { text in try Value.parse(text) })
    }

    /// One value or none (nil: not given); `default` names, for the help, what the command
    /// does without it.
    init<T: CommandLineChoice>(name: NameSpecification = .long, help: String, default: String? = nil)
    where Value == T? {
        self.init(
            name: name, help: ChoiceHelp.help(help, T.self, values: T.validList, default: `default`),
            completion: .list(T.names), transform: { text in try T.parse(text) })
    }

    /// A comma-separated list, with a default.
    init<T>(wrappedValue: Selection<T>, name: NameSpecification = .long, help: String) where Value == Selection<T> {
        self.init(
            wrappedValue: wrappedValue, name: name,
            help: ChoiceHelp.help(
                help, T.self, list: true, values: Selection<T>.validList,
                default: wrappedValue.description),
            completion: .list(T.names + ["all"]), transform: { text in try Selection<T>.parse(text) })
    }

    /// A comma-separated list or none (nil: not given); `default` names, for the help, what the
    /// command does without it.
    init<T>(name: NameSpecification = .long, help: String, default: String? = nil) where Value == Selection<T>? {
        self.init(
            name: name,
            help: ChoiceHelp.help(help, T.self, list: true, values: Selection<T>.validList, default: `default`),
            completion: .list(T.names + ["all"]), transform: { text in try Selection<T>.parse(text) })
    }

    /// A repeatable comma-separated list (`--layer a,b --layer c`); join the occurrences with
    /// ``Selection/init(merging:absent:)``. `default` names, for the help, what no occurrence means.
    init<T>(
        wrappedValue: [Selection<T>], name: NameSpecification = .long, help: String,
        default: String? = nil
    ) where Value == [Selection<T>] {
        self.init(
            wrappedValue: wrappedValue, name: name,
            help: ChoiceHelp.help(
                help, T.self, list: true, repeatable: true, values: Selection<T>.validList,
                default: `default`),
            completion: .list(T.names + ["all"]), transform: { text in try Selection<T>.parse(text) })
    }
}

/// The help of a choice option: the abstract, then in argument-parser's own style the values
/// and the default, e.g. `--format <format>  The format. (values: half (binary16, fp16,
/// float16), ...; default: half)`; the value is named after the kind (`--compare <policy>`).
enum ChoiceHelp {
    static func help<T: CommandLineChoice>(
        _ abstract: String, _: T.Type, list: Bool = false, repeatable: Bool = false,
        values: String, default: String?
    ) -> ArgumentHelp {
        ArgumentHelp(
            text(abstract, list: list, repeatable: repeatable, values: values, default: `default`),
            valueName: T.choiceKind.split(separator: " ").joined(separator: "-"))
    }

    static func text(
        _ abstract: String, list: Bool = false, repeatable: Bool = false, values: String,
        default: String?
    ) -> String {
        let form = repeatable ? "repeatable, comma-separated; " : list ? "comma-separated; " : ""
        return abstract + " (\(form)values: \(values)" + (`default`.map { "; default: \($0)" } ?? "") + ")"
    }
}
