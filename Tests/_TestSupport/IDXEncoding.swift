/// IDX files (the format of the MNIST distribution, http://yann.lecun.com/exdb/mnist/) written
/// independently of NeuralNet's reader: two zero bytes, the element type (0x08, unsigned byte),
/// the number of dimensions, each dimension as a big-endian 32-bit integer, then the data.
public enum IDXEncoding {
    /// The bytes of an unsigned-byte IDX file of shape `dimensions` holding `bytes`.
    public static func encode(dimensions: [Int], bytes: [UInt8]) -> [UInt8] {
        var file: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for d in dimensions {
            let n = UInt32(d)
            file += [
                UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8),
                UInt8(truncatingIfNeeded: n),
            ]
        }
        return file + bytes
    }

    /// An MNIST-style image file: `count` images of `rows` x `columns` pixels (magic 0x00000803).
    public static func images(_ images: SyntheticImages, rows: Int = 28, columns: Int = 28) -> [UInt8] {
        precondition(rows * columns == images.features, "\(images.features) pixels are not \(rows) x \(columns)")
        return encode(dimensions: [images.count, rows, columns], bytes: images.pixels)
    }

    /// An MNIST-style label file (magic 0x00000801).
    public static func labels(_ images: SyntheticImages) -> [UInt8] {
        encode(dimensions: [images.count], bytes: images.labels)
    }
}
