//===--- JSONOutline.swift ------------------------------------------------===//
//
// The top-level members of a JSON object and the elements of an array, found by checking
// the syntax in one pass over the bytes, without building the values.
//
//===----------------------------------------------------------------------===//

import Foundation

/// Where the values of a JSON document sit, as byte ranges.
///
/// `mpstudy report` reads a run.json of any length this way: the syntax of the whole file is
/// checked (RFC 8259: strings, numbers, literals, nesting) without allocating anything per
/// value, the small members are decoded as usual, and the steps are decoded one at a time
/// from their ranges (see ``RunFolderReader``).
enum JSONOutline {
    /// One member of an object: its key (escapes resolved) and its value's bytes.
    struct Member: Sendable, Equatable {
        var key: String
        var value: Range<Int>
    }

    /// The members of the object that is the whole of `bytes` (whitespace around it allowed),
    /// in document order; nil if `bytes` is not exactly one syntactically valid JSON object.
    static func members(of bytes: UnsafeRawBufferPointer) -> [Member]? {
        var s = Scanner(bytes, from: 0, to: bytes.count)
        s.skipWhitespace()
        guard s.peek == UInt8(ascii: "{") else { return nil }
        // Check the whole document first: a member list of a truncated file is no outline.
        let start = s.position
        guard s.skipValue() else { return nil }
        s.skipWhitespace()
        guard s.atEnd else { return nil }
        return members(of: bytes, object: start..<s.position)
    }

    /// The members of the object at `range` (syntax already checked).
    static func members(of bytes: UnsafeRawBufferPointer, object range: Range<Int>) -> [Member]? {
        var s = Scanner(bytes, from: range.lowerBound + 1, to: range.upperBound)
        var members: [Member] = []
        s.skipWhitespace()
        if s.peek == UInt8(ascii: "}") { return members }
        while true {
            s.skipWhitespace()
            let keyStart = s.position
            guard s.skipString(), let key = Self.string(bytes, keyStart..<s.position) else { return nil }
            s.skipWhitespace()
            guard s.take(UInt8(ascii: ":")) else { return nil }
            s.skipWhitespace()
            let valueStart = s.position
            guard s.skipValue() else { return nil }
            members.append(Member(key: key, value: valueStart..<s.position))
            s.skipWhitespace()
            if s.take(UInt8(ascii: ",")) { continue }
            return s.take(UInt8(ascii: "}")) ? members : nil
        }
    }

    /// The ranges of the elements of the array at `range` (syntax already checked); nil if
    /// the value there is not an array.
    static func elements(of bytes: UnsafeRawBufferPointer, array range: Range<Int>) -> [Range<Int>]? {
        var s = Scanner(bytes, from: range.lowerBound, to: range.upperBound)
        guard s.take(UInt8(ascii: "[")) else { return nil }
        var elements: [Range<Int>] = []
        s.skipWhitespace()
        if s.take(UInt8(ascii: "]")) { return elements }
        while true {
            s.skipWhitespace()
            let start = s.position
            guard s.skipValue() else { return nil }
            elements.append(start..<s.position)
            s.skipWhitespace()
            if s.take(UInt8(ascii: ",")) { continue }
            return s.take(UInt8(ascii: "]")) ? elements : nil
        }
    }

    /// The string value at `range` (a checked JSON string, quotes included), escapes resolved.
    static func string(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String? {
        let inner = UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if !inner.contains(UInt8(ascii: "\\")) {
            return String(validating: inner, as: UTF8.self)
        }
        let literal = Data(UnsafeRawBufferPointer(rebasing: bytes[range]))
        return try? JSONDecoder().decode(String.self, from: literal)
    }

    /// A forward reader over `bytes[position..<end]` that skips whole values, checking them.
    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        private(set) var position: Int
        let end: Int

        init(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) {
            self.bytes = bytes
            position = start
            self.end = end
        }

        var atEnd: Bool { position >= end }
        /// The next byte (0 at the end: never a byte of valid JSON outside strings).
        var peek: UInt8 { position < end ? bytes[position] : 0 }

        /// Consumes `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            position += 1
            return true
        }

        mutating func skipWhitespace() {
            while position < end {
                switch bytes[position] {
                case 0x20, 0x0A, 0x0D, 0x09: position += 1
                default: return
                }
            }
        }

        /// Skips one value, checking its syntax; false (position undefined) if it is not valid.
        /// Containers are followed with an explicit stack, so deep nesting cannot exhaust the
        /// call stack.
        mutating func skipValue() -> Bool {
            var open: [UInt8] = []
            while true {
                // A value is expected here.
                skipWhitespace()
                switch peek {
                case UInt8(ascii: "{"):
                    position += 1
                    skipWhitespace()
                    if take(UInt8(ascii: "}")) { break }
                    open.append(UInt8(ascii: "}"))
                    guard skipKey() else { return false }
                    continue
                case UInt8(ascii: "["):
                    position += 1
                    skipWhitespace()
                    if take(UInt8(ascii: "]")) { break }
                    open.append(UInt8(ascii: "]"))
                    continue
                case UInt8(ascii: "\""):
                    guard skipString() else { return false }
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard skipNumber() else { return false }
                case UInt8(ascii: "t"):
                    guard skipLiteral("true") else { return false }
                case UInt8(ascii: "f"):
                    guard skipLiteral("false") else { return false }
                case UInt8(ascii: "n"):
                    guard skipLiteral("null") else { return false }
                default:
                    return false
                }
                // After a value: close containers, or go on to the next element or member.
                while true {
                    guard let close = open.last else { return true }
                    skipWhitespace()
                    if take(UInt8(ascii: ",")) {
                        if close == UInt8(ascii: "}") { guard skipKey() else { return false } }
                        break
                    }
                    guard take(close) else { return false }
                    open.removeLast()
                }
            }
        }

        /// A member's key and its colon.
        private mutating func skipKey() -> Bool {
            skipWhitespace()
            guard skipString() else { return false }
            skipWhitespace()
            return take(UInt8(ascii: ":"))
        }

        /// A string: no raw control characters, only the escapes JSON defines.
        mutating func skipString() -> Bool {
            guard take(UInt8(ascii: "\"")) else { return false }
            while position < end {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return true
                case UInt8(ascii: "\\"):
                    guard position < end else { return false }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                        UInt8(ascii: "f"),
                        UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            guard position < end, Self.isHexDigit(bytes[position]) else { return false }
                            position += 1
                        }
                    default:
                        return false
                    }
                case 0..<0x20:
                    return false
                default:
                    continue
                }
            }
            return false
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        mutating func skipNumber() -> Bool {
            _ = take(UInt8(ascii: "-"))
            if take(UInt8(ascii: "0")) {
                // no further integer digits
            } else {
                guard skipDigits() else { return false }
            }
            if take(UInt8(ascii: ".")) {
                guard skipDigits() else { return false }
            }
            if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
                if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
                guard skipDigits() else { return false }
            }
            return true
        }

        /// One or more decimal digits.
        private mutating func skipDigits() -> Bool {
            let start = position
            while position < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position > start
        }

        private mutating func skipLiteral(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard end - position >= count else { return false }
            for k in 0..<count where bytes[position + k] != word.utf8Start[k] { return false }
            position += count
            return true
        }

        static func isHexDigit(_ b: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b)
        }
    }
}
