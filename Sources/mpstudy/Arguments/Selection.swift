//===--- Selection.swift --------------------------------------------------===//
//
// A comma-separated list of values of one kind (`--format half,single`), or `all`.
//
//===----------------------------------------------------------------------===//

/// Several values of one ``CommandLineChoice``, named as a comma-separated list
/// (`--format half,single`, `--compare float32,mixed_bfloat16`) or `all`.
///
/// Rules (the same for every list option): names as ``CommandLineChoice`` matches them,
/// spaces around a name ignored, each value kept once in the order first named, `all` stands
/// for every value in ``CommandLineChoice/choices`` order, and a list that names nothing
/// (`''`, `,`) is refused, as is any unknown name, with the valid list. The parameters of a
/// `custom:` format (`custom:p=3,emax=15,emin=-14`) stay with it: a piece `key=value` after
/// one belongs to it.
struct Selection<Element: CommandLineChoice>: Equatable, Sendable, CustomStringConvertible {
    /// The values, in the order first named, each once.
    let values: [Element]

    /// `values` with repeats removed (the first occurrence kept).
    init(_ values: [Element]) {
        var unique: [Element] = []
        for value in values where !unique.contains(value) { unique.append(value) }
        self.values = unique
    }

    /// Every value, in ``CommandLineChoice/choices`` order.
    static var all: Selection { Selection(Element.choices) }

    /// The valid names for messages and help: the element's list and `all`.
    static var validList: String { Element.listedNames + ", all" + Element.otherSpellingsSuffix }

    /// Parses a comma-separated list of names, `all` among them allowed.
    static func parse(_ text: String) throws(CommandLineChoiceError) -> Selection {
        let parts = joiningCustomParameters(
            text.split(separator: ",", omittingEmptySubsequences: false).map(trimmedSpaces))
        let named = parts.filter { !$0.isEmpty }
        guard !named.isEmpty else {
            throw CommandLineChoiceError(kind: Element.choiceKind, valid: validList, isEmptyList: true)
        }
        var values: [Element] = []
        for name in named {
            if name.lowercased() == "all" {
                values += Element.choices
            } else if let value = Element.matching(name) {
                values.append(value)
            } else {
                throw CommandLineChoiceError(
                    kind: Element.choiceKind, valid: validList,
                    element: parts.count > 1 ? name : nil, reason: Element.refusal(of: name))
            }
        }
        return Selection(values)
    }

    /// `parts` with the `key=value` pieces of a `custom:` format, which the split on commas
    /// took apart (`custom:p=3,emax=15,emin=-14`), joined back onto it.
    static func joiningCustomParameters(_ parts: [String]) -> [String] {
        var joined: [String] = []
        for part in parts {
            if let last = joined.last, last.lowercased().hasPrefix("custom:"), part.contains("="),
                !part.contains(":")
            {
                joined[joined.count - 1] = last + "," + part
            } else {
                joined.append(part)
            }
        }
        return joined
    }

    /// The values of a repeatable list option (`--layer dense_1 --layer dense_2,predictions`)
    /// joined in order, each once; `absent` when the option was not given.
    init(merging given: [Selection], absent: Selection) {
        self = given.isEmpty ? absent : Selection(given.flatMap(\.values))
    }

    /// `all` when every value is selected in the canonical order, otherwise the names joined by
    /// commas (as typed back on a command line).
    var description: String {
        values == Element.choices ? "all" : values.map(\.name).joined(separator: ",")
    }
}
