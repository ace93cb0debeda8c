/// The operations of `mpstudy calc`, one enum for the parser, the model, the MPFR reference and
/// the views: each use switches over it exhaustively.
public enum CalcOperation: Sendable, CaseIterable {
    /// -a: an exact sign flip (a sign written directly before a literal belongs to the literal).
    case negate
    /// a + b, a - b, a * b, a / b.
    case add, subtract, multiply, divide
    /// sqrt(a).
    case squareRoot
    /// fma(a, b, c) = a * b + c rounded once.
    case fusedMultiplyAdd

    /// The number of operands.
    public var arity: Int {
        switch self {
        case .negate, .squareRoot: 1
        case .add, .subtract, .multiply, .divide: 2
        case .fusedMultiplyAdd: 3
        }
    }

    /// The step's name in `calc --json`, and how the expression writes the operation:
    /// `neg`, `+`, `-`, `*`, `/`, `sqrt`, `fma` (a rounded literal is `literal`).
    public var name: String {
        switch self {
        case .negate: "neg"
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .squareRoot: "sqrt"
        case .fusedMultiplyAdd: "fma"
        }
    }

    /// The character written between the operands (`+ - * /`), nil for the others.
    public var infixSymbol: Character? {
        switch self {
        case .add, .subtract, .multiply, .divide: name.first
        case .negate, .squareRoot, .fusedMultiplyAdd: nil
        }
    }

    /// The name written before the parenthesised operands (`sqrt`, `fma`), nil for the others.
    public var functionName: String? {
        switch self {
        case .squareRoot, .fusedMultiplyAdd: name
        case .negate, .add, .subtract, .multiply, .divide: nil
        }
    }

    /// The operation written out on its operands' texts: `0.1 + 0.2`, `sqrt(2)`, `-(0.5)`,
    /// `fma(a, b, c)`.
    public func text(_ operands: [String]) -> String {
        precondition(operands.count == arity, "\(name) takes \(arity) operands, not \(operands.count)")
        switch self {
        case .negate: return "-(\(operands[0]))"
        case .add, .subtract, .multiply, .divide: return "\(operands[0]) \(name) \(operands[1])"
        case .squareRoot, .fusedMultiplyAdd: return "\(name)(\(operands.joined(separator: ", ")))"
        }
    }

    /// The binary operator written `symbol`, if any.
    init?(infix symbol: Character) {
        guard let operation = Self.allCases.first(where: { $0.infixSymbol == symbol }) else { return nil }
        self = operation
    }

    /// The function called `name` (lower case), if any.
    init?(function name: String) {
        guard let operation = Self.allCases.first(where: { $0.functionName == name }) else { return nil }
        self = operation
    }

    /// The function names, in declaration order: "sqrt, fma".
    static var functionNames: String { allCases.compactMap(\.functionName).joined(separator: ", ") }
}
