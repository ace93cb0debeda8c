//===--- ControlCharacters.swift ------------------------------------------===//
//
// Control characters from a run.json or the command line, made visible.
//
//===----------------------------------------------------------------------===//

/// Writes control characters as escapes, for the report files and the command line's error
/// lines: a newline or an escape sequence in a name must not break a Markdown line, an SVG
/// text (XML 1.0 does not even allow most C0 controls, escaped or not) or an error message, nor
/// reach the terminal.
package enum ControlCharacters {
    /// `text` with C0 and C1 control characters and DEL written as escapes (`\n`, `\r`, `\t`,
    /// `\u{1B}`): one line, nothing a terminal or a Markdown parser would act on.
    package static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case _ where isControl(scalar): out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 controls, DEL and C1 controls.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
