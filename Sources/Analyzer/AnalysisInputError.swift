//===--- AnalysisInputError.swift -----------------------------------------===//
//
// Why an analysis request was refused, in one line naming the valid choices.
//
//===----------------------------------------------------------------------===//

/// A refused `mpstudy analyze` argument. Every ``description`` is one line and, for names,
/// lists the valid ones (DESIGN.md: "An unknown name is refused with the list of valid ones").
public enum AnalysisInputError: Error, Equatable, CustomStringConvertible {
    case unknownLayer(String, valid: String)
    case unknownTensor(String, valid: String)
    case unknownPolicy(String, valid: String)
    case invalidLossScale(String)
    case notPositive(name: String, value: String)
    case outputNotWritable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownLayer(name, valid):
            "unknown layer '\(name)'; valid layers: \(valid)"
        case let .unknownTensor(name, valid):
            "unknown tensor group '\(name)'; valid tensor groups: \(valid)"
        case let .unknownPolicy(name, valid):
            "unknown policy '\(name)'; valid policies: \(valid)"
        case let .invalidLossScale(value):
            "invalid loss scale '\(value)'; valid: dynamic, none, or a positive number"
        case let .notPositive(name, value):
            "\(name) must be a positive integer, got \(value)"
        case let .outputNotWritable(path, reason):
            "cannot write the report folder '\(path)': \(reason)"
        }
    }
}
