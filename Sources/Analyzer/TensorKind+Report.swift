//===--- TensorKind+Report.swift ------------------------------------------===//
//
// How tensor kinds are named and ordered in reports.
//
//===----------------------------------------------------------------------===//

import NeuralNet

extension TensorKind {
    /// The name used in CSV files, JSON and tables: snake_case of the case name
    /// (`forward_output`, `kernel_gradient`), stable across versions because reports are
    /// compared byte for byte.
    public var reportName: String {
        var name = ""
        for character in rawValue {
            if character.isUppercase {
                name += "_" + character.lowercased()
            } else {
                name.append(character)
            }
        }
        return name
    }

    /// The kind called `reportName`, or nil.
    public init?(reportName: String) {
        guard let kind = TensorKind.allCases.first(where: { $0.reportName == reportName }) else { return nil }
        self = kind
    }

    /// Position in ``TensorKind/allCases``: the order rows appear in, forward to backward.
    public var order: Int { TensorKind.allCases.firstIndex(of: self) ?? 0 }
}
