import Testing
import NeuralNet
import _TestSupport
#if canImport(Glibc)
    import Glibc
#endif

/// The IDX reader and the MNIST loader on good and bad files written to a scratch folder
/// (removed after each test). The files come from `_TestSupport`'s own IDX, gzip (stored
/// blocks) and SHA-256 writers, so the reader is not fed by the code it is checked against;
/// NeuralNet's zlib `Gzip.compress` is used only where a compressed stream is the point.
@Suite("IDX reader and MNIST loader")
struct IDXReaderTests {
    static func write(_ bytes: [UInt8], to path: String) throws {
        try FileTree.write(bytes, to: path)
    }

    /// `count` images whose byte k (over the whole array) is k mod 256.
    static func images(_ count: Int, rows: Int = 28, columns: Int = 28) -> [UInt8] {
        IDXEncoding.encode(
            dimensions: [count, rows, columns], bytes: (0..<(count * rows * columns)).map { UInt8($0 % 256) })
    }

    static func labels(_ count: Int) -> [UInt8] {
        IDXEncoding.encode(dimensions: [count], bytes: (0..<count).map { UInt8($0 % 10) })
    }

    /// Runs `body` and returns the DatasetError it throws (nil if none).
    static func failure(_ body: () throws -> Void) -> DatasetError? {
        do {
            try body()
            return nil
        } catch { return error as? DatasetError }
    }

    /// The same IDX content raw, gzipped by zlib (deflate-compressed) and gzipped in stored
    /// blocks (more than one: 3 x 784 + 16 bytes is under 65,535, so 90 images are used).
    @Test func readsRawAndGzip() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            let content = Self.images(3)
            try Self.write(content, to: dir + "/a-idx3-ubyte")
            try Self.write(Gzip.compress(content), to: dir + "/a-idx3-ubyte.gz")
            let raw = try IDXReader.read(path: dir + "/a-idx3-ubyte", rank: 3)
            let gz = try IDXReader.read(path: dir + "/a-idx3-ubyte.gz", rank: 3)
            #expect(raw == gz)
            #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)  // the CRC-32 check value
            #expect(raw.dimensions == [3, 28, 28] && raw.bytes.count == 3 * 784 && raw.bytes[785] == UInt8(785 % 256))
            let large = Self.images(90)
            try Self.write(GzipStored.compress(large), to: dir + "/stored.gz")
            let stored = try IDXReader.read(path: dir + "/stored.gz", rank: 3)
            #expect(stored.dimensions == [90, 28, 28] && stored.bytes == Array(large.dropFirst(16)))
        }
    }

    @Test func wrongMagic() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try Self.write(Self.labels(5), to: dir + "/x")  // a label file (0x801) read as images (0x803)
            let error = Self.failure { _ = try IDXReader.read(path: dir + "/x", rank: 3) }
            #expect(error == .wrongMagic(path: dir + "/x", found: 0x801, expected: 0x803))
            #expect(error?.description == "\(dir)/x: wrong IDX magic number 0x00000801, expected 0x00000803")
            // A float IDX file (type 0x0D) is also refused by its magic.
            try Self.write([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], to: dir + "/f")
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/f", rank: 1) }
                    == .wrongMagic(path: dir + "/f", found: 0xD01, expected: 0x801))
        }
    }

    @Test func truncatedData() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try Self.write(Array(Self.images(2).dropLast(100)), to: dir + "/t")
            let error = Self.failure { _ = try IDXReader.read(path: dir + "/t", rank: 3) }
            #expect(error == .truncatedData(path: dir + "/t", expectedBytes: 1568, foundBytes: 1468))
            #expect(error?.description.contains("truncated IDX data") == true)
            try Self.write([0, 0, 8, 3, 0, 0], to: dir + "/h")
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/h", rank: 3) }
                    == .truncatedHeader(path: dir + "/h", bytes: 6))
            try Self.write(Self.labels(4) + [9, 9], to: dir + "/l")
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/l", rank: 1) }
                    == .trailingData(path: dir + "/l", expectedBytes: 4, foundBytes: 6))
        }
    }

    @Test func truncatedAndCorruptGzip() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            let gz = Gzip.compress(Self.images(20))
            try Self.write(Array(gz.prefix(gz.count / 2)), to: dir + "/cut.gz")
            let error = Self.failure { _ = try IDXReader.read(path: dir + "/cut.gz", rank: 3) }
            #expect(error == .truncatedGzip(path: dir + "/cut.gz"))
            var bad = gz
            for i in 12..<min(40, bad.count) { bad[i] ^= 0xFF }
            try Self.write(bad, to: dir + "/bad.gz")
            if case .corruptGzip = Self.failure({ _ = try IDXReader.read(path: dir + "/bad.gz", rank: 3) }) {
            } else {
                Issue.record("corrupt gzip not reported as corruptGzip")
            }
        }
    }

    @Test func wrongDimensions() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try Self.write(Self.images(2, rows: 27, columns: 28), to: dir + "/img")
            try Self.write(Self.labels(2), to: dir + "/lab")
            let error = Self.failure { _ = try MNIST.split(images: dir + "/img", labels: dir + "/lab") }
            #expect(error == .wrongDimensions(path: dir + "/img", found: [2, 27, 28], expected: "N x 28 x 28"))
            #expect(error?.description == "\(dir)/img: wrong IDX dimensions 2 x 27 x 28, expected N x 28 x 28")
        }
    }

    @Test func imageLabelCountMismatch() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try Self.write(Self.images(3), to: dir + "/img")
            try Self.write(Self.labels(4), to: dir + "/lab")
            let error = Self.failure { _ = try MNIST.split(images: dir + "/img", labels: dir + "/lab") }
            #expect(error == .countMismatch(images: dir + "/img", imageCount: 3, labels: dir + "/lab", labelCount: 4))
            #expect(error?.description.hasPrefix("image/label count mismatch") == true)
            try Self.write(IDXEncoding.encode(dimensions: [3], bytes: [1, 12, 3]), to: dir + "/lab")
            #expect(
                Self.failure { _ = try MNIST.split(images: dir + "/img", labels: dir + "/lab") }
                    == .labelOutOfRange(path: dir + "/lab", index: 1, value: 12, classes: 10))
        }
    }

    @Test func notGzipButNamedGz() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try Self.write(Self.labels(3), to: dir + "/plain.gz")
            let error = Self.failure { _ = try IDXReader.read(path: dir + "/plain.gz", rank: 1) }
            #expect(error == .notGzip(path: dir + "/plain.gz"))
            #expect(error?.description == "\(dir)/plain.gz is named .gz but is not a gzip file (no 1f 8b magic bytes)")
        }
    }

    @Test func missingFileAndFolder() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/nothing", rank: 1) }
                    == .fileNotFound(path: dir + "/nothing"))
            #expect(
                Self.failure { _ = try MNIST.load(from: dir + "/absent") } == .folderNotFound(path: dir + "/absent"))
            // A folder with only some of the files names the first missing one.
            try Self.write(GzipStored.compress(Self.images(2)), to: dir + "/train-images-idx3-ubyte.gz")
            #expect(
                Self.failure { _ = try MNIST.load(from: dir) } == .fileNotFound(path: dir + "/train-labels-idx1-ubyte"))
        }
    }

    /// Gzipped training files and raw test files; SHA256SUMS written with `_TestSupport`'s
    /// own SHA-256, so a digest the loader accepts was not computed by the loader's code.
    @Test func loadsFolderAndVerifiesChecksums() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            let files: [(String, [UInt8])] = [
                ("train-images-idx3-ubyte.gz", GzipStored.compress(Self.images(6))),
                ("train-labels-idx1-ubyte.gz", GzipStored.compress(Self.labels(6))),
                ("t10k-images-idx3-ubyte", Self.images(2)),  // raw files work too
                ("t10k-labels-idx1-ubyte", Self.labels(2)),
            ]
            for (name, bytes) in files { try Self.write(bytes, to: dir + "/" + name) }
            // Without SHA256SUMS the data cannot be verified: refused unless skipped.
            #expect(Self.failure { _ = try MNIST.load(from: dir) } == .checksumsMissing(folder: dir))
            let unverified = try MNIST.load(from: dir, checksums: .skip)
            #expect(unverified.train.count == 6 && unverified.test.count == 2 && !unverified.checksumsVerified)
            #expect(unverified.checksumNotes == ["checksums not verified (--no-verify)"])
            var sums = files.map { "\(SHA256Digest.hex($0.1))  \($0.0)" }.joined(separator: "\n") + "\n"
            try FileTree.write(sums, to: dir + "/SHA256SUMS")
            let verified = try MNIST.load(from: dir)
            #expect(verified.checksumsVerified)
            // One wrong digest: an error by default, a note with .warn.
            sums = sums.replacingFirstDigest()
            try FileTree.write(sums, to: dir + "/SHA256SUMS")
            if case .checksumMismatch = Self.failure({ _ = try MNIST.load(from: dir) }) {
            } else {
                Issue.record("checksum mismatch not reported")
            }
            let warned = try MNIST.load(from: dir, checksums: .warn)
            #expect(!warned.checksumsVerified && warned.checksumNotes.contains { $0.contains("differs from") })
        }
    }

    /// The shared synthetic MNIST folder loads as written: counts, labels, the first pixels.
    @Test func syntheticMNISTFolderLoads() throws {
        try withScratchFolder { folder in
            let data = SyntheticMNIST(trainCount: 30, testCount: 7)
            try data.write(to: folder.path, gzip: true, checksums: true)
            let mnist = try MNIST.load(from: folder.path)
            #expect(mnist.checksumsVerified)
            #expect(mnist.train.count == 30 && mnist.test.count == 7)
            #expect(mnist.train.labels == data.train.labels && mnist.test.pixels == data.test.pixels)
        }
    }

    /// README promises that the loader refuses data it cannot verify: an empty or garbage
    /// SHA256SUMS, or one that does not list a file, is an error unless skipped.
    @Test func refusesUnverifiableData() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try SyntheticMNIST(trainCount: 6, testCount: 2).write(to: dir, gzip: false, checksums: false)
            try FileTree.write("not a checksum file\n\u{0}\u{1}", to: dir + "/SHA256SUMS")
            if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {
            } else {
                Issue.record("garbage SHA256SUMS accepted")
            }
            try FileTree.write("", to: dir + "/SHA256SUMS")
            if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {
            } else {
                Issue.record("empty SHA256SUMS accepted")
            }
            // 64 characters that are not hex digits do not make a digest line.
            try FileTree.write(
                String(repeating: "z", count: 64) + "  train-images-idx3-ubyte\n", to: dir + "/SHA256SUMS")
            if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {
            } else {
                Issue.record("non-hex digest accepted")
            }
            // Every file but the last listed.
            let listed = SyntheticMNIST.fileNames.dropLast().map { name in
                "\(SHA256Digest.hex(FileTree.read(dir + "/" + name) ?? []))  \(name)\n"
            }.joined()
            try FileTree.write(listed, to: dir + "/SHA256SUMS")
            #expect(
                Self.failure { _ = try MNIST.load(from: dir) }
                    == .checksumNotListed(path: dir + "/t10k-labels-idx1-ubyte", sums: "SHA256SUMS"))
            // An oversized SHA256SUMS is refused without being read whole.
            try Self.write([UInt8](repeating: 0x41, count: (1 << 16) + 1), to: dir + "/SHA256SUMS")
            if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {
            } else {
                Issue.record("oversized SHA256SUMS accepted")
            }
        }
    }

    /// Checksums are compared on the compressed bytes before anything is inflated: a corrupt
    /// gzip whose digest is wrong is reported as a mismatch, not as corrupt gzip.
    @Test func verifiesBeforeParsing() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try SyntheticMNIST(trainCount: 6, testCount: 2).write(to: dir, gzip: true, checksums: true)
            try Self.write(
                [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF], to: dir + "/train-images-idx3-ubyte.gz")
            if case .checksumMismatch = Self.failure({ _ = try MNIST.load(from: dir) }) {
            } else {
                Issue.record("a file that differs from its sum was parsed before being verified")
            }
        }
    }

    /// Zero test images would give "Test accuracy: 0.0000": refused.
    @Test func refusesEmptySplit() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            try SyntheticMNIST(trainCount: 6, testCount: 0).write(to: dir, gzip: false, checksums: true)
            #expect(
                Self.failure { _ = try MNIST.load(from: dir) } == .emptySplit(path: dir + "/t10k-images-idx3-ubyte"))
        }
    }

    /// A gzip bomb: a valid header for 10 labels followed by 64 MiB of zeros compresses to
    /// about 64 KB (deflate's ratio is at most 1032:1). The reader stops after the 10
    /// announced bytes plus 1 MiB of counting, so it answers at once and holds at most a
    /// few MiB, where inflating the whole stream would hold 64 MiB.
    @Test func gzipBombStopsAtTheAnnouncedSize() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            let content = Self.labels(10) + [UInt8](repeating: 0, count: 64 << 20)
            try Self.write(Gzip.compress(content), to: dir + "/bomb.gz")
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/bomb.gz", rank: 1) }
                    == .trailingDataAtLeast(path: dir + "/bomb.gz", expectedBytes: 10, extraBytes: 1 << 20))
            // A few extra bytes are counted exactly.
            try Self.write(GzipStored.compress(Self.labels(4) + [9, 9]), to: dir + "/l.gz")
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/l.gz", rank: 1) }
                    == .trailingData(path: dir + "/l.gz", expectedBytes: 4, foundBytes: 6))
            // A header that announces more than 1 GiB is refused before anything is allocated;
            // one that announces 1 GiB in a tiny file is truncated data, found with little memory.
            try Self.write(
                GzipStored.compress(IDXEncoding.encode(dimensions: [60000, 28000, 28], bytes: [])), to: dir + "/huge.gz"
            )
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/huge.gz", rank: 3) }
                    == .wrongDimensions(
                        path: dir + "/huge.gz", found: [60000, 28000, 28], expected: "at most 1073741824 bytes of data")
            )
            try Self.write(
                GzipStored.compress(IDXEncoding.encode(dimensions: [1 << 30], bytes: [1, 2, 3])), to: dir + "/claims.gz"
            )
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/claims.gz", rank: 1) }
                    == .truncatedData(path: dir + "/claims.gz", expectedBytes: 1 << 30, foundBytes: 3))
        }
    }

    /// Concatenated gzip members read as one stream, as `gzip -d` does.
    @Test func concatenatedMembers() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            let content = Self.images(3)
            try Self.write(
                GzipStored.compress(Array(content.prefix(100))) + GzipStored.compress(Array(content.dropFirst(100))),
                to: dir + "/two.gz")
            #expect(try IDXReader.read(path: dir + "/two.gz", rank: 3).bytes == Array(content.dropFirst(16)))
        }
    }

    /// A FIFO (or a device) is not a data file: reading one could block forever.
    @Test func refusesNonRegularFiles() throws {
        try withScratchFolder { folder in
            let dir = folder.path
            #expect(mkfifo(dir + "/fifo", 0o600) == 0)
            #expect(
                Self.failure { _ = try IDXReader.read(path: dir + "/fifo", rank: 1) }
                    == .unreadable(path: dir + "/fifo", reason: "not a regular file"))
            #expect(
                Self.failure { _ = try IDXReader.read(path: "/dev/zero", rank: 1) }
                    == .unreadable(path: "/dev/zero", reason: "not a regular file"))
        }
    }

    /// The shipped data: the small label file of the test split, checked against SHA256SUMS.
    @Test func shippedTestLabels() throws {
        let root = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
        let folder = "/" + root + "/Data/mnist"
        let labels = try IDXReader.read(path: folder + "/t10k-labels-idx1-ubyte.gz", rank: 1)
        #expect(labels.dimensions == [10000])
        #expect(Array(labels.bytes.prefix(5)) == [7, 2, 1, 0, 4])
        let digest = SHA256.hexDigest(try FileBytes.read(folder + "/t10k-labels-idx1-ubyte.gz"))
        #expect(digest == "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6")
    }
}

private extension String {
    /// Flips the first hex digit of the text (to corrupt a SHA256SUMS line).
    func replacingFirstDigest() -> String {
        var chars = Array(self)
        chars[0] = chars[0] == "0" ? "1" : "0"
        return String(chars)
    }
}
