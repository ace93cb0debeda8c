import Foundation
import Testing
@testable import Reporter

/// The syntax check and member/element ranges that let `report` read a run.json without
/// building it, against Foundation's `JSONSerialization` (the oracle for what is valid).
@Suite struct JSONOutlineTests {
    static func members(_ text: String) -> [JSONOutline.Member]? {
        Array(text.utf8).withUnsafeBytes { JSONOutline.members(of: $0) }
    }

    /// Whether `JSONSerialization` reads `text` as one object.
    static func isObject(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) is [String: Any]
    }

    static let document = #"""
         {"a": [1, -2.5e+3, 0.25, true, false, null, {"b": "x\"y\\z\/\u00e9\n"}], "c": {}, "d": [],
          "e": "ünï", "f": -0, "g": 1E-2, "h": [[[]]], "st\u0065ps": [{"n": 1}, {"n": [2, 3]}]}
        """#

    /// Every prefix of a document is refused, as `JSONSerialization` refuses it (a truncated
    /// file); the whole document is accepted, with its members and the steps' elements.
    @Test func truncationsAndMembers() throws {
        #expect(Self.isObject(Self.document))
        let bytes = Array(Self.document.utf8)
        for end in 0..<bytes.count where !bytes[end...].allSatisfy({ $0 == 0x20 || $0 == 0x0A }) {
            let prefix = String(decoding: bytes[..<end], as: UTF8.self)
            #expect((Self.members(prefix) != nil) == Self.isObject(prefix), "\(prefix)")
        }
        let members = try #require(Self.members(Self.document))
        #expect(members.map(\.key) == ["a", "c", "d", "e", "f", "g", "h", "steps"])
        let steps = try #require(members.last)
        let elements = try #require(bytes.withUnsafeBytes { JSONOutline.elements(of: $0, array: steps.value) })
        #expect(elements.map { String(decoding: bytes[$0], as: UTF8.self) } == [#"{"n": 1}"#, #"{"n": [2, 3]}"#])
        #expect(String(decoding: bytes[members[0].value], as: UTF8.self).hasPrefix("[1, -2.5e+3"))
    }

    /// Malformed numbers, strings, literals and nesting: refused exactly when
    /// `JSONSerialization` refuses them.
    @Test func malformedValues() {
        let values = [
            "01", "1.", ".5", "-", "1e", "1e+", "+1", "0x10", "1.5e3", "-0.0", "NaN", "Infinity",
            "\"a\u{01}b\"", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"", "\"ok\"", "tru", "truee", "nul", "[,1]", "[1 2]",
            "{\"a\" 1}", "{1:2}", "[[[[[[[[[[1]]]]]]]]]]", "[[[[[[[[[[1]]]]]]]]]", "{\"a\":[}]", "\"\\/\"",
        ]
        for value in values {
            let text = "{\"k\": \(value)}"
            #expect((Self.members(text) != nil) == Self.isObject(text), "\(text)")
        }
        // Trailing commas: JSONSerialization takes them, JSONDecoder (which reads the record) does not.
        for text in [
            "[1]", "1", "\"x\"", "", " ", "{} {}", "{}x", "null", "{\"k\": [1,]}", "{\"k\": {\"a\":1,}}", "{\"k\": 1,}",
        ] {
            #expect(Self.members(text) == nil, "\(text)")
        }
        #expect(Self.members(" {} \n") == [])
    }

    /// Deep nesting is followed without recursion: a million brackets neither crash nor pass.
    @Test func deepNesting() {
        let depth = 1_000_000
        let open = "{\"k\": " + String(repeating: "[", count: depth)
        #expect(Self.members(open + String(repeating: "]", count: depth) + "}") != nil)
        #expect(Self.members(open + String(repeating: "]", count: depth - 1) + "}") == nil)
    }
}
