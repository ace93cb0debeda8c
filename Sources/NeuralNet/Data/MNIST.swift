//===--- MNIST.swift ------------------------------------------------------===//
//
// The four MNIST IDX files, checked and verified against SHA256SUMS.
//
//===----------------------------------------------------------------------===//

/// Images and labels of one split, pixels kept as bytes (0...255).
///
/// Pixels stay bytes in memory (47 MB for the training images instead of 188 MB as floats);
/// the batch gatherer divides by 255 in float32 while it copies a batch, which gives exactly
/// the values of Keras's `x.astype("float32") / 255`.
public struct LabeledImages: Sendable {
    /// `count · features` pixels, row-major, one image per row.
    public let pixels: [UInt8]
    /// `count` class indices.
    public let labels: [UInt8]
    /// Values per image (784 for MNIST).
    public let features: Int

    public init(pixels: [UInt8], labels: [UInt8], features: Int) {
        precondition(features > 0 && pixels.count == labels.count * features, "LabeledImages: \(pixels.count) pixels for \(labels.count) labels of \(features)")
        self.pixels = pixels
        self.labels = labels
        self.features = features
    }

    /// Number of images.
    public var count: Int { labels.count }
}

/// The MNIST database (LeCun, Cortes, Burges): 60,000 training and 10,000 test images of
/// 28 x 28 grey pixels with labels 0...9, read from the four IDX files of a folder.
public struct MNIST: Sendable {
    /// Base names of the four files; each is looked up as `<name>.gz`, then as `<name>`.
    public static let trainImagesName = "train-images-idx3-ubyte"
    public static let trainLabelsName = "train-labels-idx1-ubyte"
    public static let testImagesName = "t10k-images-idx3-ubyte"
    public static let testLabelsName = "t10k-labels-idx1-ubyte"
    public static let imageRows = 28
    public static let imageColumns = 28
    public static let classes = 10

    /// What to do with the SHA256SUMS file of the folder.
    public enum ChecksumPolicy: Sendable {
        /// Verify every file listed; a mismatch is an error (``DatasetError/checksumMismatch(path:expected:actual:)``).
        case require
        /// Verify every file listed; a mismatch becomes a note.
        case warn
        /// Do not hash anything.
        case skip
    }

    public let train: LabeledImages
    public let test: LabeledImages
    /// Paths of the files read.
    public let files: [String]
    /// What the checksum verification found, one line per file (or why it was skipped).
    public let checksumNotes: [String]
    /// True when every file read was listed in SHA256SUMS and matched.
    public let checksumsVerified: Bool

    /// Reads and checks the four files in `folder`.
    ///
    /// Checks: each file exists (`.gz` or raw), is valid gzip when named `.gz`, has the IDX
    /// magic of its kind (images 0x00000803, labels 0x00000801), images are N x 28 x 28,
    /// the data size matches the dimensions exactly, images and labels of a split have the
    /// same count, every label is 0...9. Then SHA-256 of each file against SHA256SUMS.
    public static func load(from folder: String, checksums: ChecksumPolicy = .require) throws(DatasetError) -> MNIST {
        guard FileBytes.isDirectory(folder) else { throw .folderNotFound(path: folder) }
        let paths = try [trainImagesName, trainLabelsName, testImagesName, testLabelsName].map { name throws(DatasetError) in
            try locate(name, in: folder)
        }
        let train = try split(images: paths[0], labels: paths[1])
        let test = try split(images: paths[2], labels: paths[3])
        let (notes, verified) = try verifyChecksums(paths, folder: folder, policy: checksums)
        return MNIST(train: train, test: test, files: paths, checksumNotes: notes, checksumsVerified: verified)
    }

    /// `folder/name.gz` if it exists, else `folder/name`.
    static func locate(_ name: String, in folder: String) throws(DatasetError) -> String {
        let base = folder.hasSuffix("/") ? folder + name : folder + "/" + name
        if FileBytes.exists(base + ".gz") { return base + ".gz" }
        if FileBytes.exists(base) { return base }
        throw .fileNotFound(path: base)
    }

    /// Reads and cross-checks one image file and its label file.
    public static func split(images imagesPath: String, labels labelsPath: String) throws(DatasetError) -> LabeledImages {
        let images = try IDXReader.read(path: imagesPath, rank: 3)
        guard images.dimensions[1] == imageRows && images.dimensions[2] == imageColumns else {
            throw .wrongDimensions(path: imagesPath, found: images.dimensions, expected: "N x \(imageRows) x \(imageColumns)")
        }
        let labels = try IDXReader.read(path: labelsPath, rank: 1)
        guard images.count == labels.count else {
            throw .countMismatch(images: imagesPath, imageCount: images.count, labels: labelsPath, labelCount: labels.count)
        }
        if let bad = labels.bytes.firstIndex(where: { Int($0) >= classes }) {
            throw .labelOutOfRange(path: labelsPath, index: bad, value: Int(labels.bytes[bad]), classes: classes)
        }
        return LabeledImages(pixels: images.bytes, labels: labels.bytes, features: imageRows * imageColumns)
    }

    /// Checks `paths` against the `SHA256SUMS` of `folder` (`sha256sum` format:
    /// `<64 hex digits>  <name>`, optionally `*<name>`).
    static func verifyChecksums(_ paths: [String], folder: String, policy: ChecksumPolicy) throws(DatasetError) -> ([String], Bool) {
        if policy == .skip { return (["checksums not verified (skipped)"], false) }
        let sumsPath = folder.hasSuffix("/") ? folder + "SHA256SUMS" : folder + "/SHA256SUMS"
        guard FileBytes.exists(sumsPath) else { return (["no SHA256SUMS in \(folder): checksums not verified"], false) }
        let listed = parseSums(try FileBytes.read(sumsPath))
        var notes: [String] = []
        var allVerified = true
        for path in paths {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            guard let expected = listed[name] else {
                notes.append("\(name): not listed in SHA256SUMS, not verified")
                allVerified = false
                continue
            }
            let actual = SHA256.hexDigest(try FileBytes.read(path))
            if actual == expected {
                notes.append("\(name): SHA-256 OK")
            } else if policy == .require {
                throw .checksumMismatch(path: path, expected: expected, actual: actual)
            } else {
                notes.append(DatasetError.checksumMismatch(path: path, expected: expected, actual: actual).description)
                allVerified = false
            }
        }
        return (notes, allVerified)
    }

    /// Name → lowercase hex digest from a SHA256SUMS file.
    static func parseSums(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].count == 64 else { continue }
            var name = parts[1].drop(while: { $0 == " " })
            if name.hasPrefix("*") { name = name.dropFirst() }
            result[String(name)] = parts[0].lowercased()
        }
        return result
    }
}
