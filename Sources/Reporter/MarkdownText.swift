//===--- MarkdownText.swift -----------------------------------------------===//
//
// Text from the command line or a run.json, made inert before it reaches Markdown.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Escapes text that mpstudy did not write itself (a run.json's policy, layer and tensor
/// names, data folder, command line, CPU and BLAS strings, divergence reason) for
/// `summary.md` and the reports index, so that it shows as the characters it holds and
/// never becomes Markdown or HTML structure: a newline in `--output` must not start a heading,
/// a `<script>` in a run.json must not become a tag.
///
/// Text without anything to escape is returned unchanged, so ordinary names and commands
/// (and the committed reports) read as before.
enum MarkdownText {
    /// `text` as an inline code span: control characters as visible escapes
    /// (``ControlCharacters/visible(_:)``),
    /// fenced by one backtick more than the longest backtick run inside it, with a space
    /// inside the fences when the content starts or ends with a backtick or with spaces at
    /// both ends (CommonMark strips one such space on each side).
    static func code(_ text: String) -> String {
        let content = ControlCharacters.visible(text)
        var longest = 0
        var run = 0
        for c in content {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad =
            content.first == "`" || content.last == "`"
                || (content.count > 1 && content.first == " " && content.last == " ")
            ? " " : ""
        return fence + pad + content + pad + fence
    }

    /// `text` as literal inline text: control characters as visible escapes, and a backslash
    /// before each ASCII character that could start Markdown or HTML structure here:
    /// `\ ` * [ ] < > # ~ &`, `_` unless it stands between two letters or digits (where
    /// CommonMark never reads it as emphasis: `mixed_float16` stays as it is), and a list
    /// marker at the start (`-`, `+`, or the `.`/`)` after leading digits). `|` is left to
    /// ``MarkdownTable``, which escapes it in cells (outside tables it is plain text).
    static func plain(_ text: String) -> String {
        let characters = Array(ControlCharacters.visible(text))
        var out = ""
        let leadingDigits = characters.prefix { $0.isASCII && $0.isNumber }.count
        for (index, c) in characters.enumerated() {
            switch c {
            case "\\", "`", "*", "[", "]", "<", ">", "#", "~", "&":
                out += "\\"
            case "_":
                let between =
                    index > 0 && index + 1 < characters.count
                    && characters[index - 1].isLetterOrDigit && characters[index + 1].isLetterOrDigit
                if !between { out += "\\" }
            case "-", "+", ".", ")":
                // A list marker at the start: `- x`, `+ x`, `1. x`, `1) x`.
                let marker = (c == "-" || c == "+") ? index == 0 : index == leadingDigits && leadingDigits > 0
                if marker { out += "\\" }
            default:
                break
            }
            out.append(c)
        }
        return out
    }
}

extension Character {
    /// A Unicode letter or digit (what CommonMark's flanking rules treat as neither space nor
    /// punctuation).
    fileprivate var isLetterOrDigit: Bool { isLetter || isNumber }
}

extension MarkdownText {
    /// A relative link destination: every byte outside ASCII letters, digits and `-._~/`
    /// percent-encoded (a space, a parenthesis or a newline would end or break the link).
    static func linkPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
