/// A folder laid out like `Data/mnist`, with tiny synthetic data: the four IDX files
/// (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
/// `t10k-labels-idx1-ubyte`), raw or gzipped (`.gz`), and optionally a `SHA256SUMS` in the
/// `sha256sum` format listing them. Images are 28 x 28 (784 features), 10 classes.
public struct SyntheticMNIST: Sendable {
    /// The four base file names, in the order the MNIST loader reads them.
    public static let fileNames = [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ]

    public let train: SyntheticImages
    public let test: SyntheticImages

    /// `trainCount` training and `testCount` test images (seeds `seed` and `seed + 1`).
    public init(trainCount: Int, testCount: Int, seed: UInt64 = 1) {
        train = SyntheticImages(count: trainCount, features: 784, classes: 10, seed: seed)
        test = SyntheticImages(count: testCount, features: 784, classes: 10, seed: seed &+ 1)
    }

    /// The file names and contents as written by ``write(to:gzip:checksums:)``.
    public func files(gzip: Bool) -> [(name: String, bytes: [UInt8])] {
        let raw = [
            IDXEncoding.images(train), IDXEncoding.labels(train), IDXEncoding.images(test), IDXEncoding.labels(test),
        ]
        return zip(Self.fileNames, raw).map { name, bytes in
            gzip ? (name + ".gz", GzipStored.compress(bytes)) : (name, bytes)
        }
    }

    /// Writes the four files into the existing `folder`, and `SHA256SUMS` when `checksums`;
    /// returns the paths of the four data files.
    @discardableResult
    public func write(to folder: String, gzip: Bool = true, checksums: Bool = true) throws(FileTreeError) -> [String] {
        let files = files(gzip: gzip)
        for file in files { try FileTree.write(file.bytes, to: folder + "/" + file.name) }
        if checksums { try Self.writeChecksums(in: folder) }
        return files.map { folder + "/" + $0.name }
    }

    /// Writes `folder/SHA256SUMS` listing the data files now in `folder` (each base name,
    /// `.gz` or raw), e.g. after a test replaced one with a damaged copy.
    public static func writeChecksums(in folder: String) throws(FileTreeError) {
        let present = Set(FileTree.entries(folder))
        let names = fileNames.flatMap { [$0 + ".gz", $0] }.filter(present.contains)
        let sums = names.map { "\(SHA256Digest.hex(FileTree.read(folder + "/" + $0) ?? []))  \($0)\n" }.joined()
        try FileTree.write(sums, to: folder + "/SHA256SUMS")
    }
}
