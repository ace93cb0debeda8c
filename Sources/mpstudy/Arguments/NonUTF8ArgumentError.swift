#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An argument whose bytes are not UTF-8, refused before anything else (exit 64, one line).
///
/// Decision: refuse rather than repair. Swift's `CommandLine.arguments` (and so
/// argument-parser) replaces every invalid byte with U+FFFD, so a path such as `r\xFF/run.json`
/// would silently become another path (`r\u{FFFD}/run.json`, bytes EF BF BD): the command would
/// read, or worse write, a file that is not the one named. Working byte-exactly would mean
/// bypassing argument-parser for every path option, for names that are rare (a Latin-1
/// file system or a corrupt name) and that the reports could not show anyway (JSON and
/// Markdown are UTF-8). So the command line is checked on its raw bytes, and the message
/// shows the argument with each invalid byte written `\xFF`.
struct NonUTF8ArgumentError: UsageError, Equatable, CustomStringConvertible {
    /// The argument's position after the program name, from 1.
    let position: Int
    /// The argument as typed, its invalid bytes as `\xFF`.
    let shown: String

    var description: String {
        "argument \(position) is not valid UTF-8: '\(shown)'; mpstudy reads its arguments as UTF-8 text, so a file "
            + "or folder name in another encoding cannot be used: rename it, or link to it from a UTF-8 name"
    }

    /// Throws for the first of `arguments` (without the program name) that is not UTF-8.
    static func check(_ arguments: [[UInt8]]) throws(NonUTF8ArgumentError) {
        for (index, bytes) in arguments.enumerated() where String(validating: bytes, as: UTF8.self) == nil {
            throw NonUTF8ArgumentError(position: index + 1, shown: shownWithEscapes(bytes))
        }
    }

    /// The program's arguments as the bytes it was given (without the program name).
    static var rawArguments: [[UInt8]] {
        (1..<Int(CommandLine.argc)).map { index in
            guard let pointer = CommandLine.unsafeArgv[index] else { return [] }
            return Array(
                UnsafeBufferPointer(
                    start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                    count: strlen(pointer)))
        }
    }

    /// `bytes` as text: each valid UTF-8 sequence as its character, each other byte as `\xNN`.
    static func shownWithEscapes(_ bytes: [UInt8]) -> String {
        var text = ""
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length =
                lead < 0x80
                ? 1
                : lead >= 0xC2 && lead <= 0xDF
                    ? 2
                    : lead >= 0xE0 && lead <= 0xEF
                        ? 3
                        : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, index + length <= bytes.count,
                let piece = String(validating: bytes[index..<index + length], as: UTF8.self)
            {
                text += piece
                index += length
            } else {
                text += "\\x" + String(lead, radix: 16, uppercase: true)
                index += 1
            }
        }
        return text
    }
}
