import _MPStudySupport

/// A small labelled image set that a model can learn in a few steps: image `i` has class
/// `i % classes`, and pixel `j` of an image of class `c` is bright (170) when `j % classes == c`
/// and dark (60) otherwise, plus uniform noise in [-40, 40) from a ``SeededGenerator``.
/// The same values for the same arguments on every machine.
///
/// With `features: 8, classes: 3` this is the set the NeuralNet trainer tests were written
/// against; `features: 784` gives MNIST-shaped 28 x 28 images for ``SyntheticMNIST``.
public struct SyntheticImages: Sendable, Equatable {
    /// `count x features` pixel values, row-major.
    public let pixels: [UInt8]
    /// `count` labels in `0..<classes`.
    public let labels: [UInt8]
    public let features: Int
    public let classes: Int
    public var count: Int { labels.count }

    public init(count: Int, features: Int, classes: Int, seed: UInt64) {
        precondition(classes > 0 && classes <= 256 && features > 0 && count >= 0)
        var generator = SeededGenerator(seed: seed)
        var pixels: [UInt8] = []
        var labels: [UInt8] = []
        pixels.reserveCapacity(count * features)
        for i in 0..<count {
            let c = i % classes
            labels.append(UInt8(c))
            for j in 0..<features {
                let base = j % classes == c ? 170.0 : 60.0
                // A uniform double in [0, 1) from the top 53 bits of the next output.
                let unit = Double(generator.next() >> 11) * 0x1p-53
                pixels.append(UInt8(base + 80 * (unit - 0.5)))
            }
        }
        self.pixels = pixels
        self.labels = labels
        self.features = features
        self.classes = classes
    }
}
