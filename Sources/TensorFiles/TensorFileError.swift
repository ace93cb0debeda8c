//===--- TensorFileError.swift --------------------------------------------===//
//
// Everything that can be wrong with a tensor file, each as one line.
//
//===----------------------------------------------------------------------===//

import SoftFloat

/// Why a tensor file (or one tensor in it) could not be read. The ``description`` is one line
/// naming the file, the tensor when there is one, and what is wrong, with every control
/// character escaped: names and header text come from the file, which may hold any bytes.
public struct TensorFileError: Error, Equatable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// The tensor (safetensors name, npz member), nil for the file as a whole.
    public let tensor: String?
    /// What is wrong, without the file and tensor names.
    public let problem: String

    public init(path: String, tensor: String? = nil, _ problem: String) {
        self.path = path
        self.tensor = tensor
        self.problem = problem
    }

    public var description: String {
        let text = tensor.map { "\(path): tensor '\($0)': \(problem)" } ?? "\(path): \(problem)"
        return FloatParseError.printable(text)
    }
}
