//===--- TensorElementType.swift ------------------------------------------===//
//
// The floating-point element types the readers accept, and their byte order.
//
//===----------------------------------------------------------------------===//

/// An element type of a stored tensor. Only floating-point types are read: an integer or
/// other tensor is refused by the reader naming its type.
public enum TensorElementType: String, Sendable, CaseIterable, Codable {
    case float16
    case bfloat16
    case float32
    case float64
    /// OCP FP8 E4M3 (safetensors `F8_E4M3`): read as its bit pattern, decoded by SoftFloat.
    case e4m3
    /// OCP FP8 E5M2 (safetensors `F8_E5M2`).
    case e5m2

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .e4m3, .e5m2: 1
        case .float16, .bfloat16: 2
        case .float32: 4
        case .float64: 8
        }
    }
}

/// How the bytes of a multi-byte element are ordered in the file.
public enum ByteOrder: String, Sendable, Codable {
    case littleEndian
    case bigEndian
}

/// How a multi-dimensional tensor's elements are laid out in the file.
public enum StorageOrder: String, Sendable, Codable {
    /// Row-major: the last index varies fastest (NumPy's default, safetensors always).
    case c
    /// Column-major: the first index varies fastest (NumPy `fortran_order: True`).
    case fortran
}
