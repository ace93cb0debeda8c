//===--- AnalysisInputError.swift -----------------------------------------===//
//
// Why an analysis could not start, in one line.
//
//===----------------------------------------------------------------------===//

/// Why an analysis could not start: settings naming an unknown policy (settings built by a
/// program or read back; the command line refuses unknown names before any settings exist),
/// or a report folder that cannot be written. Every ``description`` is one line and, for
/// names, lists the valid ones (DESIGN.md: "An unknown name is refused with the list of valid
/// ones").
public enum AnalysisInputError: Error, Equatable, CustomStringConvertible {
    case unknownPolicy(String, valid: String)
    case outputNotWritable(path: String, reason: String)
    case invalidRecipe(policy: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownPolicy(name, valid):
            "unknown policy '\(name)'; valid policies: \(valid)"
        case let .invalidRecipe(policy, reason):
            "policy '\(policy)': \(reason)"
        case let .outputNotWritable(path, reason):
            "cannot write the report folder '\(path)': \(reason)"
        }
    }
}
