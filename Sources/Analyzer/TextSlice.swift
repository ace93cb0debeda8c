//===--- TextSlice.swift --------------------------------------------------===//
//
// Small string helpers, so that the Analyzer needs no Foundation.
//
//===----------------------------------------------------------------------===//

/// String helpers for parsing command-line lists.
enum TextSlice {
    /// `text` without leading and trailing spaces and tabs.
    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }) else { return "" }
        let last = text.lastIndex(where: { !isBlank($0) })!
        return String(text[first...last])
    }
}
