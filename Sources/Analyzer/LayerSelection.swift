//===--- LayerSelection.swift ---------------------------------------------===//
//
// The layers of `mpstudy analyze --layer`.
//
//===----------------------------------------------------------------------===//

/// The layers a report shows (the analyzer records every layer regardless).
public struct LayerSelection: Sendable, Equatable, Codable {
    /// Selected layer names, in model order.
    public let layers: [String]

    /// `layers` (the command line checks the names against the model and puts them in model
    /// order).
    public init(layers: [String]) { self.layers = layers }
}
