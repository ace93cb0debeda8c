//===--- IndexDiscussion.swift --------------------------------------------===//
//
// The hand-written text of a reports index, read from DISCUSSION.md beside it.
//
//===----------------------------------------------------------------------===//

import Foundation

/// The prose of a reports folder's README.md, kept in the folder's `DISCUSSION.md` so that
/// editing it never needs a code change; ``ReportIndexWriter`` writes the tables and lines it
/// computes and places this text among them, verbatim but for `{{name}}` placeholders.
///
/// Layout of DISCUSSION.md (plain Markdown, split at its `## ` headings):
/// - the text before the first `## ` heading opens README.md (its title and introduction);
/// - the text under a `## ` heading that the index also writes (`Runs`, `How each run was
///   made`, `Beside the blog`, `What each run shows`) follows that section's generated
///   table, before its generated `###` subsections;
/// - any other `## ` section is added after the generated ones, in file order.
///
/// `{{name}}` stands for a number computed from the runs each time (``IndexFigures``), so a
/// sentence can quote a figure without going stale: `{{blog.speedup}}x faster`. A name the
/// index does not know, or one these runs give no value for, is refused in one line.
/// Headings inside fenced code blocks (```) do not split. Blank lines around each part are
/// dropped; the index separates the parts with one blank line.
public struct IndexDiscussion: Sendable, Equatable {
    /// The file name, in the reports folder.
    public static let fileName = "DISCUSSION.md"

    /// One `## ` section: its heading text (without `## `) and the text under it.
    public struct Section: Sendable, Equatable {
        public var heading: String
        public var body: String
    }

    /// The text before the first `## ` heading (empty if there is none).
    public var opening: String
    /// The `## ` sections in file order.
    public var sections: [Section]
    /// Where the text came from, for error messages.
    public var path: String

    /// Splits `text` (the contents of `path`) into the opening and its sections.
    public init(parsing text: String, path: String = IndexDiscussion.fileName) {
        self.path = path
        var opening: [Substring] = []
        var sections: [(heading: String, lines: [Substring])] = []
        var inFence = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inFence.toggle() }
            if !inFence && line.hasPrefix("## ") {
                sections.append((String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), []))
            } else if sections.isEmpty {
                opening.append(line)
            } else {
                sections[sections.count - 1].lines.append(line)
            }
        }
        self.opening = Self.block(opening)
        self.sections = sections.map { Section(heading: $0.heading, body: Self.block($0.lines)) }
    }

    /// The discussion in `folder`'s DISCUSSION.md; nil if the folder has none (the index is
    /// then written without discussion).
    public static func read(in folder: String) throws(ReportReadError) -> IndexDiscussion? {
        let path = folder + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ReportReadError(path: path, reason: "not readable as UTF-8 text")
        }
        return IndexDiscussion(parsing: text, path: path)
    }

    /// The body under `heading`, if the discussion has that section.
    public func body(of heading: String) -> String? { sections.first { $0.heading == heading }?.body }

    /// `text` with every `{{name}}` replaced by `figures[name]`. Throws for a name outside
    /// `known` and for a known name without a value.
    func filled(_ text: String, figures: [String: String], known: [String]) throws(ReportReadError) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw ReportReadError(path: path, reason: "'{{' without a closing '}}'")
            }
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            guard known.contains(name) else {
                throw ReportReadError(
                    path: path, reason: "unknown figure {{\(name)}} (known: \(known.joined(separator: ", ")))")
            }
            guard let value = figures[name] else {
                throw ReportReadError(
                    path: path,
                    reason: "{{\(name)}} has no value for these runs "
                        + "(it needs finished mixed_float16 and float32 runs of the blog's configuration)")
            }
            out += value
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The lines joined, blank lines at either end dropped.
    private static func block(_ lines: [Substring]) -> String {
        var lines = lines
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
