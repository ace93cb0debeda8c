//===--- ShapeArithmetic.swift --------------------------------------------===//
//
// Element and byte counts of a shape, with every multiplication checked for overflow.
//
//===----------------------------------------------------------------------===//

/// Counts derived from a header's shape, checked before anything is allocated: a hostile header
/// announcing 2^40 x 2^40 elements is refused here instead of overflowing into a small number.
enum ShapeArithmetic {
    /// The number of elements of `shape` (1 for a scalar), or a problem: a negative dimension
    /// or a product that overflows `Int`.
    static func elementCount(_ shape: [Int]) -> Result<Int, ShapeProblem> {
        var product = 1
        for dimension in shape {
            guard dimension >= 0 else { return .failure(.negative(dimension)) }
            let (next, overflow) = product.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return .failure(.overflow) }
            product = next
        }
        return .success(product)
    }

    /// `count` elements of `type` in bytes, or nil on overflow.
    static func byteCount(_ count: Int, of type: TensorElementType) -> Int? {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: type.byteCount)
        return overflow ? nil : bytes
    }

    /// The element and byte counts of `shape`, or the error for `tensor` in `path`.
    static func sizes(
        _ shape: [Int], of type: TensorElementType, path: String, tensor: String?
    ) throws(TensorFileError) -> (count: Int, bytes: Int) {
        switch elementCount(shape) {
        case .failure(.negative(let d)):
            throw TensorFileError(path: path, tensor: tensor, "shape \(shape) has a negative dimension \(d)")
        case .failure(.overflow):
            throw TensorFileError(path: path, tensor: tensor, "shape \(shape) has more elements than can be addressed")
        case .success(let count):
            guard let bytes = byteCount(count, of: type) else {
                throw TensorFileError(
                    path: path, tensor: tensor,
                    "shape \(shape) of \(type.rawValue) needs more bytes than can be addressed")
            }
            return (count, bytes)
        }
    }
}

/// Why a shape has no element count.
enum ShapeProblem: Error, Equatable {
    case negative(Int)
    case overflow
}
