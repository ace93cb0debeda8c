//===--- PythonLiteral.swift ----------------------------------------------===//
//
// The small subset of Python literals an .npy header is written in.
//
//===----------------------------------------------------------------------===//

/// A Python literal as NumPy writes an array header with `repr`: a dict of strings, booleans
/// and tuples of integers (`{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`).
/// Lists appear in structured dtypes, which are refused later.
enum PythonLiteral: Equatable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([(String, PythonLiteral)])

    static func == (a: PythonLiteral, b: PythonLiteral) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.boolean(let x), .boolean(let y)): x == y
        case (.none, .none): true
        case (.tuple(let x), .tuple(let y)), (.list(let x), .list(let y)): x == y
        case (.dict(let x), .dict(let y)): x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: false
        }
    }

    /// Parses `text` as exactly one literal (surrounding spaces allowed); the error says what
    /// was found where.
    static func parse(_ text: String) throws(PythonLiteralError) -> PythonLiteral {
        var parser = Parser(characters: Array(text.unicodeScalars))
        let value = try parser.value(depth: 0)
        parser.skipSpaces()
        guard parser.position == parser.characters.count else {
            throw PythonLiteralError(
                description: "unexpected text after the header dict at character \(parser.position)")
        }
        return value
    }

    private struct Parser {
        let characters: [Unicode.Scalar]
        var position = 0
        /// Nesting deeper than this is not a NumPy header (and must not exhaust the stack).
        static let maximumDepth = 16

        mutating func skipSpaces() {
            while position < characters.count, [" ", "\t", "\n", "\r"].contains(characters[position]) {
                position += 1
            }
        }

        func failure(_ what: String) -> PythonLiteralError {
            PythonLiteralError(description: "\(what) at character \(position)")
        }

        mutating func value(depth: Int) throws(PythonLiteralError) -> PythonLiteral {
            guard depth < Self.maximumDepth else { throw failure("nesting too deep") }
            skipSpaces()
            guard position < characters.count else { throw failure("unexpected end") }
            let c = characters[position]
            switch c {
            case "'", "\"": return .string(try string())
            case "{": return try dict(depth: depth)
            case "(":
                let items = try sequence(closing: ")", depth: depth)
                return .tuple(items)
            case "[": return .list(try sequence(closing: "]", depth: depth))
            case "-", "0"..."9": return .integer(try integer())
            default:
                let word = identifier()
                switch word {
                case "True": return .boolean(true)
                case "False": return .boolean(false)
                case "None": return .none
                default: throw failure(word.isEmpty ? "unexpected '\(c)'" : "unexpected name '\(word)'")
                }
            }
        }

        mutating func identifier() -> String {
            var word = ""
            while position < characters.count,
                characters[position].properties.isAlphabetic || characters[position] == "_"
            {
                word.unicodeScalars.append(characters[position])
                position += 1
            }
            return word
        }

        mutating func string() throws(PythonLiteralError) -> String {
            let quote = characters[position]
            position += 1
            var text = ""
            while position < characters.count {
                let c = characters[position]
                position += 1
                if c == quote { return text }
                if c == "\\" {
                    guard position < characters.count else { break }
                    text.unicodeScalars.append(characters[position])
                    position += 1
                } else {
                    text.unicodeScalars.append(c)
                }
            }
            throw failure("unterminated string")
        }

        mutating func integer() throws(PythonLiteralError) -> Int {
            let start = position
            var negative = false
            if characters[position] == "-" {
                negative = true
                position += 1
            }
            var magnitude = 0
            var digits = 0
            while position < characters.count, (48...57).contains(characters[position].value) {
                let d = Int(characters[position].value - 48)
                let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(d)
                guard !o1, !o2 else {
                    position = start
                    throw failure("integer too large")
                }
                magnitude = plus
                digits += 1
                position += 1
            }
            guard digits > 0 else { throw failure("a '-' without digits") }
            // Python 2 wrote long integers with an L suffix.
            if position < characters.count, characters[position] == "L" { position += 1 }
            return negative ? -magnitude : magnitude
        }

        mutating func sequence(closing: Unicode.Scalar, depth: Int) throws(PythonLiteralError) -> [PythonLiteral] {
            position += 1
            var items: [PythonLiteral] = []
            while true {
                skipSpaces()
                guard position < characters.count else { throw failure("unexpected end") }
                if characters[position] == closing {
                    position += 1
                    return items
                }
                items.append(try value(depth: depth + 1))
                skipSpaces()
                guard position < characters.count else { throw failure("unexpected end") }
                if characters[position] == "," {
                    position += 1
                } else if characters[position] != closing {
                    throw failure("expected ',' or '\(closing)'")
                }
            }
        }

        mutating func dict(depth: Int) throws(PythonLiteralError) -> PythonLiteral {
            position += 1
            var entries: [(String, PythonLiteral)] = []
            while true {
                skipSpaces()
                guard position < characters.count else { throw failure("unexpected end") }
                if characters[position] == "}" {
                    position += 1
                    return .dict(entries)
                }
                guard characters[position] == "'" || characters[position] == "\"" else {
                    throw failure("expected a string key")
                }
                let key = try string()
                skipSpaces()
                guard position < characters.count, characters[position] == ":" else { throw failure("expected ':'") }
                position += 1
                entries.append((key, try value(depth: depth + 1)))
                skipSpaces()
                guard position < characters.count else { throw failure("unexpected end") }
                if characters[position] == "," {
                    position += 1
                } else if characters[position] != "}" {
                    throw failure("expected ',' or '}'")
                }
            }
        }
    }
}

/// Why a header is not a Python literal.
struct PythonLiteralError: Error, CustomStringConvertible {
    let description: String
}
