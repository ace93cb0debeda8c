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
        precondition(
            features > 0 && pixels.count == labels.count * features,
            "LabeledImages: \(pixels.count) pixels for \(labels.count) labels of \(features)")
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
        /// SHA256SUMS must exist and list every file, and every file must match: anything else
        /// is an error (the default: the data behind a report is the data its sums name).
        case require
        /// Verify what SHA256SUMS lists; a missing file, an unlisted file or a mismatch
        /// becomes a note.
        case warn
        /// Do not hash anything (`--no-verify`).
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
    /// Order matters for hostile input: first the SHA256SUMS file (with ``ChecksumPolicy/require``
    /// a missing or unusable one, or a file it does not list, is an error), then each file's
    /// SHA-256 on its compressed bytes BEFORE any parsing, so a file that is not the one the
    /// sums name is never inflated. Then the checks: each file exists (`.gz` or raw), is valid
    /// gzip when named `.gz`, has the IDX magic of its kind (images 0x00000803, labels
    /// 0x00000801), images are N x 28 x 28 with N > 0, the data size matches the dimensions
    /// exactly (a gzip file is inflated only as far as its header announces), images and
    /// labels of a split have the same count, every label is 0...9.
    public static func load(from folder: String, checksums: ChecksumPolicy = .require) throws(DatasetError) -> MNIST {
        guard FileBytes.isDirectory(folder) else { throw .folderNotFound(path: folder) }
        let paths = try [trainImagesName, trainLabelsName, testImagesName, testLabelsName].map {
            name throws(DatasetError) in
            try locate(name, in: folder)
        }
        let ranks = [3, 1, 3, 1]
        let sums = try readSums(folder: folder, policy: checksums)
        var notes: [String] = []
        var verified = sums != nil
        var arrays: [IDXArray] = []
        for (path, rank) in zip(paths, ranks) {
            let raw = try FileBytes.read(path, maximumBytes: IDXReader.maximumFileBytes(rank: rank))
            if let sums {
                let ok = try verify(raw, path: path, sums: sums, policy: checksums, notes: &notes)
                verified = verified && ok
            }
            arrays.append(try IDXReader.decode(raw, path: path, rank: rank))
        }
        if sums == nil {
            notes.append(
                checksums == .skip
                    ? "checksums not verified (--no-verify)" : "no SHA256SUMS in \(folder): checksums not verified")
        }
        let train = try split(images: arrays[0], imagesPath: paths[0], labels: arrays[1], labelsPath: paths[1])
        let test = try split(images: arrays[2], imagesPath: paths[2], labels: arrays[3], labelsPath: paths[3])
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
    public static func split(images imagesPath: String, labels labelsPath: String) throws(DatasetError) -> LabeledImages
    {
        try split(
            images: IDXReader.read(path: imagesPath, rank: 3), imagesPath: imagesPath,
            labels: IDXReader.read(path: labelsPath, rank: 1), labelsPath: labelsPath)
    }

    /// Cross-checks decoded images and labels of one split.
    static func split(images: IDXArray, imagesPath: String, labels: IDXArray, labelsPath: String) throws(DatasetError)
        -> LabeledImages
    {
        guard images.dimensions[1] == imageRows && images.dimensions[2] == imageColumns else {
            throw .wrongDimensions(
                path: imagesPath, found: images.dimensions, expected: "N x \(imageRows) x \(imageColumns)")
        }
        guard images.count > 0 else { throw .emptySplit(path: imagesPath) }
        guard images.count == labels.count else {
            throw .countMismatch(
                images: imagesPath, imageCount: images.count, labels: labelsPath, labelCount: labels.count)
        }
        if let bad = labels.bytes.firstIndex(where: { Int($0) >= classes }) {
            throw .labelOutOfRange(path: labelsPath, index: bad, value: Int(labels.bytes[bad]), classes: classes)
        }
        return LabeledImages(pixels: images.bytes, labels: labels.bytes, features: imageRows * imageColumns)
    }

    /// The largest SHA256SUMS worth reading (the real one is 370 bytes).
    static let maximumSumsBytes = 1 << 16

    /// Name → digest from the folder's SHA256SUMS; nil when verification is skipped, or when
    /// the file is missing under ``ChecksumPolicy/warn``.
    static func readSums(folder: String, policy: ChecksumPolicy) throws(DatasetError) -> [String: String]? {
        if policy == .skip { return nil }
        let path = folder.hasSuffix("/") ? folder + "SHA256SUMS" : folder + "/SHA256SUMS"
        guard FileBytes.exists(path) else {
            if policy == .warn { return nil }
            throw .checksumsMissing(folder: folder)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, maximumBytes: maximumSumsBytes)
        } catch .fileTooLarge(_, let size, _) {
            throw .checksumsUnusable(
                path: path, reason: "\(size) bytes; a SHA256SUMS file for four files is a few hundred")
        }
        let listed = parseSums(bytes)
        guard !listed.isEmpty else {
            throw .checksumsUnusable(path: path, reason: "no line of the form '<64 hex digits>  <file name>'")
        }
        return listed
    }

    /// Checks `raw`, the bytes of `path`, against `sums`; appends a note; true if it matched.
    static func verify(
        _ raw: [UInt8], path: String, sums: [String: String], policy: ChecksumPolicy,
        notes: inout [String]
    ) throws(DatasetError) -> Bool {
        let name = String(path.split(separator: "/").last ?? Substring(path))
        guard let expected = sums[name] else {
            if policy == .require { throw .checksumNotListed(path: path, sums: "SHA256SUMS") }
            notes.append("\(name): not listed in SHA256SUMS, not verified")
            return false
        }
        let actual = SHA256.hexDigest(raw)
        if actual == expected {
            notes.append("\(name): SHA-256 OK")
            return true
        }
        if policy == .require { throw .checksumMismatch(path: path, expected: expected, actual: actual) }
        notes.append(DatasetError.checksumMismatch(path: path, expected: expected, actual: actual).description)
        return false
    }

    /// Name → lowercase hex digest from a SHA256SUMS file (`sha256sum` format:
    /// `<64 hex digits>  <name>`, optionally `*<name>`); lines of any other form are ignored.
    static func parseSums(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2, parts[0].count == 64, parts[0].allSatisfy(\.isHexDigit) else { continue }
            var name = parts[1].drop(while: { $0 == " " })
            if name.hasPrefix("*") { name = name.dropFirst() }
            result[String(name)] = parts[0].lowercased()
        }
        return result
    }
}
