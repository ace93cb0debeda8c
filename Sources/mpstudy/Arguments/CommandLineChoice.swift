//===--- CommandLineChoice.swift ------------------------------------------===//
//
// A value of a closed set named on the command line: one matching rule, one error text,
// one help list, one completion list, all generated from the type.
//
//===----------------------------------------------------------------------===//

/// A value of a closed set named on the command line: a format, a rounding attribute, a
/// policy, an operation, a layer. Names are matched ignoring case, aliases are accepted, and
/// an unknown name is refused with the list of valid ones (DESIGN.md, Command line). The help
/// list, the error text and the shell completions are generated from ``choices``, so no list
/// of names is ever typed by hand.
///
/// Options of these types are declared with the `Option` initialisers of
/// `Option+CommandLineChoice.swift` (`@Option(help: "...") var format: FormatKind = .binary16`),
/// which parse with ``parse(_:)``. The types deliberately do *not* conform to argument-parser's
/// `ExpressibleByArgument`: its refusal of an unknown value lists only the canonical names,
/// on several lines once there are six or more (formats, operations), with no hook to change
/// it, and for a `RawRepresentable` enum its help shows the raw value as the default
/// (`binary16` where the command line says `half`). Without the conformance,
/// `@Option var format: FormatKind` cannot silently take that path: it does not compile.
protocol CommandLineChoice: Equatable, Sendable {
    /// What one value is called in messages and help: `format`, `rounding`, `policy`.
    static var choiceKind: String { get }
    /// Every value, in the order help and messages list them.
    static var choices: [Self] { get }
    /// The name shown in help, messages and completions.
    var name: String { get }
    /// Every accepted spelling, ``name`` first; matched ignoring case.
    var aliases: [String] { get }
    /// The value called `text` (surrounding spaces ignored), or nil. The default matches
    /// ``aliases`` ignoring case; a type may accept more spellings than it lists.
    static func matching(_ text: String) -> Self?
    /// Spellings beyond the listed names, for the valid list (`eXmY, ...` for formats); nil
    /// (the default) when there are none.
    static var otherSpellings: String? { get }
    /// Why `text`, which ``matching(_:)`` refused, is refused, when it is spelled like one of
    /// ``otherSpellings`` but breaks a rule (`e12m3`: the exponent width); nil (the default)
    /// for a plain unknown name.
    static func refusal(of text: String) -> String?
}

extension CommandLineChoice {
    var aliases: [String] { [name] }
    static var otherSpellings: String? { nil }
    static func refusal(of text: String) -> String? { nil }

    static func matching(_ text: String) -> Self? {
        let key = trimmedSpaces(text).lowercased()
        return choices.first { $0.aliases.contains { $0.lowercased() == key } }
    }

    /// The value called `text`, or an error listing the valid names.
    static func parse(_ text: String) throws(CommandLineChoiceError) -> Self {
        guard let value = matching(text) else {
            throw CommandLineChoiceError(kind: choiceKind, valid: validList, reason: refusal(of: text))
        }
        return value
    }

    /// The canonical names, in order: the completion list.
    static var names: [String] { choices.map(\.name) }

    /// Every value with its other spellings: `half (binary16, fp16, float16), single (...)`,
    /// then ``otherSpellings`` if any.
    static var validList: String { listedNames + otherSpellingsSuffix }

    /// The listed values with their aliases, without ``otherSpellings``.
    static var listedNames: String {
        choices.map { value in
            let others = value.aliases.dropFirst()
            return others.isEmpty ? value.name : "\(value.name) (\(others.joined(separator: ", ")))"
        }.joined(separator: ", ")
    }

    /// `; or ` and ``otherSpellings``, or nothing.
    static var otherSpellingsSuffix: String { otherSpellings.map { "; or \($0)" } ?? "" }
}

extension CommandLineChoice where Self: CaseIterable {
    static var choices: [Self] { Array(allCases) }
}

/// `text` without leading and trailing spaces and tabs.
func trimmedSpaces<S: StringProtocol>(_ text: S) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
}

/// A refused value of a ``CommandLineChoice`` option; its ``description`` is one line that
/// names the valid values. argument-parser prefixes it with the value and the option
/// (`The value 'quarter' is invalid for '--format <format>': unknown format; valid: ...`).
struct CommandLineChoiceError: Error, Equatable, CustomStringConvertible {
    /// What a value is called (`format`).
    let kind: String
    /// The valid names, ready to print.
    let valid: String
    /// The unknown element when the value was a list of several (nil: the whole value).
    var element: String?
    /// True when the list named nothing (`--format ,`).
    var isEmptyList = false
    /// The rule a name spelled like a valid one breaks (``CommandLineChoice/refusal(of:)``);
    /// said instead of the valid list.
    var reason: String?

    var description: String {
        if isEmptyList { return "no \(kind) named; valid: \(valid)" }
        if let reason { return "invalid \(kind)" + (element.map { " '\($0)'" } ?? "") + ": \(reason)" }
        return "unknown \(kind)" + (element.map { " '\($0)'" } ?? "") + "; valid: \(valid)"
    }
}
