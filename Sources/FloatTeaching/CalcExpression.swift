import SoftFloat

/// The expressions of `mpstudy calc`: + - * / with the usual precedence, unary signs,
/// parentheses, sqrt(x), fma(a, b, c), and decimal or hexadecimal literals (the syntax of
/// `BinaryFloat.init(parsing:in:)`, plus `inf` and `nan`). A sign written directly before a
/// literal belongs to the literal (so "-0.1" is rounded as -0.1, which differs from
/// -(0.1 rounded) in the directed roundings); other unary minuses are exact negations.
public enum CalcExpression: Sendable {
    /// A number as written (validated by the parser), rounded into the format when evaluated.
    case literal(String)
    /// `operation` on `operands`, exactly `operation.arity` of them (the parser makes no other).
    case operation(CalcOperation, [CalcExpression])

    /// The most operations (+ - * /, negations, sqrt and fma calls) an expression may hold.
    /// Every step is computed (the steps shown are written out too, see
    /// ``CalcEvaluation/shownSteps``), and the exact reference grows with the expression: this
    /// keeps an answer under a quarter of a second (binary64, release build). A notebook's
    /// longest sum has 4,095 operations. (Evaluating also recurses once per level of the tree,
    /// and a sum of n terms is n levels deep: the limit keeps that far from any stack's end.)
    public static let maxOperations = 10_000
    /// The deepest nesting of parentheses, signs and functions the parser follows.
    public static let maxNesting = 10_000

    /// Parses `text`; errors name the column (`unexpected ')' at column 8 in "(1 + 2))"`).
    /// Expressions beyond ``maxOperations`` or ``maxNesting`` are refused, never a crash.
    public static func parse(_ text: String) throws(FloatParseError) -> CalcExpression {
        var parser = CalcParser(text)
        return try parser.parseAll()
    }
}

/// Recursive descent over the characters of the expression.
struct CalcParser {
    let text: String
    let chars: [Character]
    var index = 0
    /// Operations created so far (infix operators, negations and function calls), and the
    /// current nesting (limits in ``CalcExpression``).
    var operations = 0
    var nesting = 0

    init(_ text: String) {
        self.text = text
        chars = Array(text)
    }

    func error(_ reason: String, at position: Int? = nil) -> FloatParseError {
        FloatParseError(reason: reason, column: (position ?? index) + 1, input: text)
    }

    mutating func skipSpaces() { while index < chars.count && chars[index].isWhitespace { index += 1 } }

    var current: Character? { index < chars.count ? chars[index] : nil }

    func unexpected(expecting what: String) -> FloatParseError {
        guard let c = current else {
            return error(
                chars.allSatisfy(\.isWhitespace) ? "empty expression" : "unexpected end of expression, expected \(what)"
            )
        }
        return error("unexpected '\(c)', expected \(what)")
    }

    mutating func parseAll() throws(FloatParseError) -> CalcExpression {
        let e = try expression()
        skipSpaces()
        if let c = current { throw error("unexpected '\(c)'") }
        return e
    }

    /// Sums and differences of terms, left to right.
    mutating func expression() throws(FloatParseError) -> CalcExpression {
        var left = try term()
        while let operation = nextInfix(among: [.add, .subtract]) {
            index += 1
            try countOperation()
            let right = try term()
            left = .operation(operation, [left, right])
        }
        return left
    }

    /// Products and quotients of factors, left to right.
    mutating func term() throws(FloatParseError) -> CalcExpression {
        var left = try factor()
        while let operation = nextInfix(among: [.multiply, .divide]) {
            index += 1
            try countOperation()
            let right = try factor()
            left = .operation(operation, [left, right])
        }
        return left
    }

    /// The infix operator at the next non-space character, if it is one of `operations`.
    mutating func nextInfix(among operations: [CalcOperation]) -> CalcOperation? {
        skipSpaces()
        guard let c = current, let operation = CalcOperation(infix: c) else { return nil }
        return operations.contains(operation) ? operation : nil
    }

    mutating func countOperation() throws(FloatParseError) {
        operations += 1
        if operations > CalcExpression.maxOperations {
            throw error("expression too long: more than \(CalcExpression.maxOperations) operations")
        }
    }

    mutating func factor() throws(FloatParseError) -> CalcExpression {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > CalcExpression.maxNesting {
            throw error("expression nested too deeply: more than \(CalcExpression.maxNesting) levels")
        }
        skipSpaces()
        guard let c = current else { throw unexpected(expecting: "a number, '(' or a function") }
        if c == "-" || c == "+" {
            // A sign directly before a literal is part of the literal.
            if index + 1 < chars.count, chars[index + 1].isNumber || chars[index + 1] == "." {
                let start = index
                index += 1
                return try literal(from: start)
            }
            index += 1
            if c == "-" { try countOperation() }
            let operand = try factor()
            return c == "-" ? .operation(.negate, [operand]) : operand
        }
        return try primary()
    }

    mutating func primary() throws(FloatParseError) -> CalcExpression {
        skipSpaces()
        guard let c = current else { throw unexpected(expecting: "a number, '(' or a function") }
        if c == "(" {
            index += 1
            let inner = try expression()
            skipSpaces()
            guard current == ")" else { throw unexpected(expecting: "')'") }
            index += 1
            return inner
        }
        if c.isNumber || c == "." { return try literal(from: index) }
        if c.isLetter {
            let start = index
            while let d = current, d.isLetter || d.isNumber { index += 1 }
            let name = String(chars[start..<index]).lowercased()
            if name == "inf" || name == "infinity" || name == "nan" { return .literal(name) }
            guard let function = CalcOperation(function: name) else {
                // The name as written, its first 30 characters if longer (the message stays short).
                let length = index - start
                let written =
                    chars[start..<min(index, start + 30)].map(String.init).joined() + (length > 30 ? "..." : "")
                throw error("unknown function '\(written)' (known: \(CalcOperation.functionNames))", at: start)
            }
            skipSpaces()
            guard current == "(" else { throw unexpected(expecting: "'(' after \(name)") }
            try countOperation()
            index += 1
            var arguments: [CalcExpression] = [try expression()]
            skipSpaces()
            while current == "," {
                index += 1
                arguments.append(try expression())
                skipSpaces()
            }
            let wanted = function.arity
            guard current == ")" else { throw unexpected(expecting: arguments.count < wanted ? "','" : "')'") }
            guard arguments.count == wanted else {
                throw error(
                    "\(name) takes \(wanted) argument\(wanted == 1 ? "" : "s"), not \(arguments.count)", at: start)
            }
            index += 1
            return .operation(function, arguments)
        }
        throw unexpected(expecting: "a number, '(' or a function")
    }

    /// A literal: the longest run of number characters, validated by the number parser (its
    /// error columns shifted to the expression's).
    mutating func literal(from start: Int) throws(FloatParseError) -> CalcExpression {
        var previous: Character = " "
        while let c = current {
            let exponentSign = (c == "+" || c == "-") && "eEpP".contains(previous) && !isHexDigitRun(start)
            guard
                c.isNumber || c.isLetter || c == "." || c == "_" || exponentSign
                    || ((c == "+" || c == "-") && "pP".contains(previous))
            else { break }
            previous = c
            index += 1
        }
        let literal = String(chars[start..<index])
        var scanner = NumberScanner(literal)
        do {
            _ = try scanner.scan()
        } catch {
            throw self.error(error.reason, at: start + error.column - 1)
        }
        return .literal(literal)
    }

    /// True if the literal from `start` is hexadecimal (where 'e' is a digit, not an exponent).
    func isHexDigitRun(_ start: Int) -> Bool {
        var i = start
        if i < chars.count, chars[i] == "-" || chars[i] == "+" { i += 1 }
        return i + 1 < chars.count && chars[i] == "0" && (chars[i + 1] == "x" || chars[i + 1] == "X")
    }
}
