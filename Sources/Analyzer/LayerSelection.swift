//===--- LayerSelection.swift ---------------------------------------------===//
//
// The layers of `mpstudy analyze --layer`, checked against the model's names.
//
//===----------------------------------------------------------------------===//

/// The layers a report shows (the analyzer records every layer regardless).
public struct LayerSelection: Sendable, Equatable, Codable {
    /// Selected layer names, in model order.
    public let layers: [String]

    /// Checks `requested` (each value may list several names separated by commas; `all` means
    /// every layer; nothing requested means every layer) against `available`, the model's
    /// layer names in order (`dense_1, dense_2, dense_logits, predictions`). Names are
    /// case-insensitive.
    public init(parsing requested: [String], available: [String]) throws(AnalysisInputError) {
        var chosen: Set<String> = []
        for value in requested {
            for part in value.split(separator: ",", omittingEmptySubsequences: true) {
                let name = TextSlice.trimmed(part).lowercased()
                if name == "all" { chosen.formUnion(available); continue }
                guard let match = available.first(where: { $0.lowercased() == name }) else {
                    throw .unknownLayer(String(part), valid: available.joined(separator: ", "))
                }
                chosen.insert(match)
            }
        }
        layers = chosen.isEmpty ? available : available.filter(chosen.contains)
    }

    public init(layers: [String]) { self.layers = layers }
}
