import Reference

/// `verify --op`: the operations the differential checker knows, by their raw names.
extension CheckedOperation: CommandLineChoice {
    static var choiceKind: String { "operation" }
    var name: String { rawValue }
}

extension CheckedOperation {
    /// What a check of the operation covers beyond its name, for `verify --help` (nil: its
    /// name says it all). Exhaustive, so a new operation cannot be left out of the help.
    var coverage: String? {
        switch self {
        case .convert: "to and from every other format"
        case .roundToIntegral: "and its exact variant"
        case .toInt: "Int32, Int64, UInt32, UInt64, exact and inexact variants, boundary values"
        case .parse: "decimal and hex strings against mpfr_strtofr: random, long, exact ties and near-ties"
        case .compare: "quiet and signalling"
        case .negate, .abs, .copySign: "sign bit only, NaN payloads kept, no flags"
        case .minimumMagnitude, .maximumMagnitude, .minimumMagnitudeNumber, .maximumMagnitudeNumber:
            "IEEE 754-2019 9.6, equal magnitudes and NaN operands"
        case .add, .sub, .mul, .div, .sqrt, .fma, .remainder, .fromInt, .scaleB, .nextUp, .logB: nil
        }
    }

    /// Every operation with its coverage: `add, sub, ..., convert (to and from every other
    /// format), ...`.
    static var coverageList: String {
        choices.map { operation in operation.coverage.map { "\(operation.name) (\($0))" } ?? operation.name }
            .joined(separator: ", ")
    }
}
