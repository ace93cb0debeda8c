//===--- DatasetError.swift -----------------------------------------------===//
//
// Everything that can be wrong with a data file, each with its own message.
//
//===----------------------------------------------------------------------===//

/// Why a data set could not be loaded. Each case's ``description`` is one line that names the
/// file and says what was expected and what was found.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// The data folder does not exist.
    case folderNotFound(path: String)
    /// Neither `<name>.gz` nor `<name>` exists in the folder.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The name ends in `.gz` but the content does not start with the gzip magic bytes 1f 8b.
    case notGzip(path: String)
    /// zlib rejected the compressed stream.
    case corruptGzip(path: String, detail: String)
    /// The compressed stream ends before its end marker.
    case truncatedGzip(path: String)
    /// Fewer bytes than the 4-byte magic number and the dimension sizes.
    case truncatedHeader(path: String, bytes: Int)
    /// The magic number is not the one expected (images 0x00000803, labels 0x00000801).
    case wrongMagic(path: String, found: UInt32, expected: UInt32)
    /// The dimensions are not those expected (e.g. images not 28 x 28).
    case wrongDimensions(path: String, found: [Int], expected: String)
    /// Fewer data bytes than the dimensions announce.
    case truncatedData(path: String, expectedBytes: Int, foundBytes: Int)
    /// More data bytes than the dimensions announce.
    case trailingData(path: String, expectedBytes: Int, foundBytes: Int)
    /// The image and label files hold different numbers of items.
    case countMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
    /// A label is not a class index.
    case labelOutOfRange(path: String, index: Int, value: Int, classes: Int)
    /// The file's SHA-256 differs from the one listed in SHA256SUMS.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The file is larger than any data file of its kind can be.
    case fileTooLarge(path: String, bytes: Int, limit: Int)
    /// A gzip file holds at least `extraBytes` more than its dimensions announce (counting
    /// stops there, so a stream that inflates to gigabytes is not inflated to its end).
    case trailingDataAtLeast(path: String, expectedBytes: Int, extraBytes: Int)
    /// The folder has no SHA256SUMS file (verification was asked for).
    case checksumsMissing(folder: String)
    /// The SHA256SUMS file is not usable (too large, not text, no `<digest>  <name>` line).
    case checksumsUnusable(path: String, reason: String)
    /// A data file is not listed in SHA256SUMS (verification was asked for).
    case checksumNotListed(path: String, sums: String)
    /// A split holds no images at all.
    case emptySplit(path: String)

    public var description: String {
        switch self {
        case let .folderNotFound(path):
            "data folder not found: \(path) (expected the four MNIST IDX files, .gz or raw)"
        case let .fileNotFound(path):
            "missing data file: \(path)(.gz)"
        case let .unreadable(path, reason):
            "cannot read \(path): \(reason)"
        case let .notGzip(path):
            "\(path) is named .gz but is not a gzip file (no 1f 8b magic bytes)"
        case let .corruptGzip(path, detail):
            "\(path): corrupt gzip data (\(detail))"
        case let .truncatedGzip(path):
            "\(path): gzip stream is truncated (ends before its end marker)"
        case let .truncatedHeader(path, bytes):
            "\(path): truncated IDX header (\(bytes) bytes)"
        case let .wrongMagic(path, found, expected):
            "\(path): wrong IDX magic number 0x\(hex8(found)), expected 0x\(hex8(expected))"
        case let .wrongDimensions(path, found, expected):
            "\(path): wrong IDX dimensions \(found.map(String.init).joined(separator: " x ")), expected \(expected)"
        case let .truncatedData(path, expected, found):
            "\(path): truncated IDX data: \(found) bytes after the header, the dimensions need \(expected)"
        case let .trailingData(path, expected, found):
            "\(path): \(found - expected) unexpected bytes after the IDX data (\(found) bytes, the dimensions need \(expected))"
        case let .countMismatch(images, imageCount, labels, labelCount):
            "image/label count mismatch: \(images) holds \(imageCount) images, \(labels) holds \(labelCount) labels"
        case let .labelOutOfRange(path, index, value, classes):
            "\(path): label \(value) at index \(index) is not a class index 0...\(classes - 1)"
        case let .checksumMismatch(path, expected, actual):
            "\(path): SHA-256 \(actual) differs from \(expected) listed in SHA256SUMS"
        case let .fileTooLarge(path, bytes, limit):
            "\(path): \(bytes) bytes, more than any data file of its kind can hold (\(limit))"
        case let .trailingDataAtLeast(path, expected, extra):
            "\(path): at least \(extra) unexpected bytes after the IDX data (the dimensions need \(expected))"
        case let .checksumsMissing(folder):
            "no SHA256SUMS in \(folder): the data cannot be verified (add one with `sha256sum *.gz > SHA256SUMS`, or pass --no-verify)"
        case let .checksumsUnusable(path, reason):
            "\(path): not a usable SHA256SUMS file (\(reason))"
        case let .checksumNotListed(path, sums):
            "\(path) is not listed in \(sums): it cannot be verified (or pass --no-verify)"
        case let .emptySplit(path):
            "\(path): holds no images (0 items); training and testing need at least one"
        }
    }
}

private func hex8(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
