import ArgumentParser
import Testing
@testable import mpstudy

/// The command line's text rules (issue 11, item 11) below the binary: the UTF-8 check on
/// raw argument bytes and how it shows them, and short unknown options.
@Suite struct ArgumentTextTests {
    @Test func validUTF8Passes() throws {
        try NonUTF8ArgumentError.check([Array("explain".utf8), Array("é½∞😀".utf8), []])
    }

    @Test func theFirstInvalidArgumentIsNamed() {
        // 0xFF never occurs in UTF-8; C3 starts a 2-byte sequence and needs a continuation byte;
        // C0 80 is an overlong encoding of U+0000; ED A0 80 would be the surrogate U+D800.
        let cases: [([UInt8], String)] = [
            ([0x61, 0xFF, 0x62], "a\\xFFb"),
            ([0x6F, 0x75, 0x74, 0xC3], "out\\xC3"),
            ([0xC3, 0xA9, 0xC3, 0x28], "é\\xC3("),
            ([0xC0, 0x80], "\\xC0\\x80"),
            ([0xED, 0xA0, 0x80], "\\xED\\xA0\\x80"),
        ]
        for (bytes, shown) in cases {
            #expect(throws: NonUTF8ArgumentError(position: 2, shown: shown)) {
                try NonUTF8ArgumentError.check([Array("report".utf8), bytes, [0xFF]])
            }
        }
    }

    @Test func aDashAndOneLetterIsAnUnknownOption() throws {
        for words in [["-q", "1"], ["1", "-q"], ["-q"], ["-Q", "--", "1"]] {
            #expect(throws: ValidationError.self, "\(words)") { try singleArgument(words, name: "value") }
        }
        // Values that start with one dash stay values; after `--` anything is a value.
        #expect(try singleArgument(["-1"], name: "value") == "-1")
        #expect(try singleArgument(["-.5"], name: "value") == "-.5")
        #expect(try singleArgument(["-nan"], name: "value") == "-nan")
        #expect(try singleArgument(["-sqrt(2)"], name: "expression") == "-sqrt(2)")
        #expect(try singleArgument(["--", "-q"], name: "value") == "-q")
    }
}
