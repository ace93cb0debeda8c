import Testing
import NeuralNet
#if canImport(Glibc)
import Glibc
#endif

/// The IDX reader and the MNIST loader on good and bad files written to a temporary folder.
@Suite("IDX reader and MNIST loader")
struct IDXReaderTests {
    /// A fresh temporary folder.
    static func makeFolder() -> String {
        var template = Array("/tmp/mpstudy-idx-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return String(cString: path!)
    }

    /// Deletes a flat folder made by ``makeFolder()`` and its files.
    static func removeFolder(_ path: String) {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != "." && name != ".." { unlink(path + "/" + name) }
        }
        closedir(dir)
        rmdir(path)
    }

    static func write(_ bytes: [UInt8], to path: String) {
        let file = fopen(path, "wb")!
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    static func images(_ count: Int, rows: Int = 28, columns: Int = 28) -> [UInt8] {
        IDXReader.encode(dimensions: [count, rows, columns], bytes: (0..<(count * rows * columns)).map { UInt8($0 % 256) })
    }

    static func labels(_ count: Int) -> [UInt8] {
        IDXReader.encode(dimensions: [count], bytes: (0..<count).map { UInt8($0 % 10) })
    }

    /// Runs `body` and returns the DatasetError it throws (nil if none).
    static func failure(_ body: () throws -> Void) -> DatasetError? {
        do { try body(); return nil } catch { return error as? DatasetError }
    }

    @Test func readsRawAndGzip() throws {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        let content = Self.images(3)
        Self.write(content, to: dir + "/a-idx3-ubyte")
        Self.write(Gzip.compress(content), to: dir + "/a-idx3-ubyte.gz")
        let raw = try IDXReader.read(path: dir + "/a-idx3-ubyte", rank: 3)
        let gz = try IDXReader.read(path: dir + "/a-idx3-ubyte.gz", rank: 3)
        #expect(raw == gz)
        #expect(raw.dimensions == [3, 28, 28] && raw.bytes.count == 3 * 784 && raw.bytes[785] == UInt8(785 % 256))
    }

    @Test func wrongMagic() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        Self.write(Self.labels(5), to: dir + "/x")   // a label file (0x801) read as images (0x803)
        let error = Self.failure { _ = try IDXReader.read(path: dir + "/x", rank: 3) }
        #expect(error == .wrongMagic(path: dir + "/x", found: 0x801, expected: 0x803))
        #expect(error?.description == "\(dir)/x: wrong IDX magic number 0x00000801, expected 0x00000803")
        // A float IDX file (type 0x0D) is also refused by its magic.
        Self.write([0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0], to: dir + "/f")
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/f", rank: 1) } == .wrongMagic(path: dir + "/f", found: 0xD01, expected: 0x801))
    }

    @Test func truncatedData() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        Self.write(Array(Self.images(2).dropLast(100)), to: dir + "/t")
        let error = Self.failure { _ = try IDXReader.read(path: dir + "/t", rank: 3) }
        #expect(error == .truncatedData(path: dir + "/t", expectedBytes: 1568, foundBytes: 1468))
        #expect(error?.description.contains("truncated IDX data") == true)
        Self.write([0, 0, 8, 3, 0, 0], to: dir + "/h")
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/h", rank: 3) } == .truncatedHeader(path: dir + "/h", bytes: 6))
        Self.write(Self.labels(4) + [9, 9], to: dir + "/l")
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/l", rank: 1) } == .trailingData(path: dir + "/l", expectedBytes: 4, foundBytes: 6))
    }

    @Test func truncatedAndCorruptGzip() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        let gz = Gzip.compress(Self.images(20))
        Self.write(Array(gz.prefix(gz.count / 2)), to: dir + "/cut.gz")
        let error = Self.failure { _ = try IDXReader.read(path: dir + "/cut.gz", rank: 3) }
        #expect(error == .truncatedGzip(path: dir + "/cut.gz"))
        var bad = gz
        for i in 12..<min(40, bad.count) { bad[i] ^= 0xFF }
        Self.write(bad, to: dir + "/bad.gz")
        if case .corruptGzip = Self.failure({ _ = try IDXReader.read(path: dir + "/bad.gz", rank: 3) }) {} else {
            Issue.record("corrupt gzip not reported as corruptGzip")
        }
    }

    @Test func wrongDimensions() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        Self.write(Self.images(2, rows: 27, columns: 28), to: dir + "/img")
        Self.write(Self.labels(2), to: dir + "/lab")
        let error = Self.failure { _ = try MNIST.split(images: dir + "/img", labels: dir + "/lab") }
        #expect(error == .wrongDimensions(path: dir + "/img", found: [2, 27, 28], expected: "N x 28 x 28"))
        #expect(error?.description == "\(dir)/img: wrong IDX dimensions 2 x 27 x 28, expected N x 28 x 28")
    }

    @Test func imageLabelCountMismatch() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        Self.write(Self.images(3), to: dir + "/img")
        Self.write(Self.labels(4), to: dir + "/lab")
        let error = Self.failure { _ = try MNIST.split(images: dir + "/img", labels: dir + "/lab") }
        #expect(error == .countMismatch(images: dir + "/img", imageCount: 3, labels: dir + "/lab", labelCount: 4))
        #expect(error?.description.hasPrefix("image/label count mismatch") == true)
        Self.write(IDXReader.encode(dimensions: [3], bytes: [1, 12, 3]), to: dir + "/lab")
        #expect(Self.failure { _ = try MNIST.split(images: dir + "/img", labels: dir + "/lab") }
                == .labelOutOfRange(path: dir + "/lab", index: 1, value: 12, classes: 10))
    }

    @Test func notGzipButNamedGz() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        Self.write(Self.labels(3), to: dir + "/plain.gz")
        let error = Self.failure { _ = try IDXReader.read(path: dir + "/plain.gz", rank: 1) }
        #expect(error == .notGzip(path: dir + "/plain.gz"))
        #expect(error?.description == "\(dir)/plain.gz is named .gz but is not a gzip file (no 1f 8b magic bytes)")
    }

    @Test func missingFileAndFolder() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/nothing", rank: 1) } == .fileNotFound(path: dir + "/nothing"))
        #expect(Self.failure { _ = try MNIST.load(from: dir + "/absent") } == .folderNotFound(path: dir + "/absent"))
        // A folder with only some of the files names the first missing one.
        Self.write(Gzip.compress(Self.images(2)), to: dir + "/train-images-idx3-ubyte.gz")
        #expect(Self.failure { _ = try MNIST.load(from: dir) } == .fileNotFound(path: dir + "/train-labels-idx1-ubyte"))
    }

    /// Writes a small valid MNIST-shaped folder (6 training and 2 test images); with `sums`,
    /// a SHA256SUMS listing every file. Returns the files written.
    @discardableResult
    static func writeFolder(_ dir: String, sums: Bool, testImages: Int = 2) -> [(String, [UInt8])] {
        let files: [(String, [UInt8])] = [
            ("train-images-idx3-ubyte.gz", Gzip.compress(Self.images(6))),
            ("train-labels-idx1-ubyte.gz", Gzip.compress(Self.labels(6))),
            ("t10k-images-idx3-ubyte", Self.images(testImages)),        // raw files work too
            ("t10k-labels-idx1-ubyte", Self.labels(testImages)),
        ]
        for (name, bytes) in files { Self.write(bytes, to: dir + "/" + name) }
        if sums { Self.writeSums(files, to: dir) }
        return files
    }

    static func writeSums(_ files: [(String, [UInt8])], to dir: String) {
        let text = files.map { "\(SHA256.hexDigest($0.1))  \($0.0)" }.joined(separator: "\n") + "\n"
        Self.write(Array(text.utf8), to: dir + "/SHA256SUMS")
    }

    @Test func loadsFolderAndVerifiesChecksums() throws {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        let files = Self.writeFolder(dir, sums: true)
        let verified = try MNIST.load(from: dir)
        #expect(verified.train.count == 6 && verified.test.count == 2 && verified.checksumsVerified)
        // One wrong digest: an error by default, a note with .warn.
        let sums = String(decoding: try FileBytes.read(dir + "/SHA256SUMS"), as: UTF8.self).replacingFirstDigest()
        Self.write(Array(sums.utf8), to: dir + "/SHA256SUMS")
        if case .checksumMismatch = Self.failure({ _ = try MNIST.load(from: dir) }) {} else {
            Issue.record("checksum mismatch not reported")
        }
        let warned = try MNIST.load(from: dir, checksums: .warn)
        #expect(!warned.checksumsVerified && warned.checksumNotes.contains { $0.contains("differs from") })
        // Skipping hashes nothing and says so.
        let skipped = try MNIST.load(from: dir, checksums: .skip)
        #expect(!skipped.checksumsVerified && skipped.checksumNotes == ["checksums not verified (--no-verify)"])
        _ = files
    }

    /// README promises that the loader refuses data it cannot verify: a missing, empty or
    /// garbage SHA256SUMS, or one that does not list a file, is an error unless skipped.
    @Test func refusesUnverifiableData() throws {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        let files = Self.writeFolder(dir, sums: false)
        #expect(Self.failure { _ = try MNIST.load(from: dir) } == .checksumsMissing(folder: dir))
        #expect(try MNIST.load(from: dir, checksums: .skip).train.count == 6)
        Self.write(Array("not a checksum file\n\u{0}\u{1}".utf8), to: dir + "/SHA256SUMS")
        if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {} else {
            Issue.record("garbage SHA256SUMS accepted")
        }
        Self.write([], to: dir + "/SHA256SUMS")
        if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {} else {
            Issue.record("empty SHA256SUMS accepted")
        }
        // 64 hex-looking characters that are not hex are not a digest line either.
        Self.write(Array((String(repeating: "z", count: 64) + "  train-images-idx3-ubyte.gz\n").utf8), to: dir + "/SHA256SUMS")
        if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {} else {
            Issue.record("non-hex digest accepted")
        }
        Self.writeSums(Array(files.dropLast()), to: dir)
        #expect(Self.failure { _ = try MNIST.load(from: dir) } == .checksumNotListed(path: dir + "/t10k-labels-idx1-ubyte", sums: "SHA256SUMS"))
        // An oversized SHA256SUMS is refused without being read whole.
        Self.write([UInt8](repeating: 0x41, count: (1 << 16) + 1), to: dir + "/SHA256SUMS")
        if case .checksumsUnusable = Self.failure({ _ = try MNIST.load(from: dir) }) {} else {
            Issue.record("oversized SHA256SUMS accepted")
        }
    }

    /// Checksums are compared on the compressed bytes before anything is inflated: a corrupt
    /// gzip whose digest is wrong is reported as a mismatch, not as corrupt gzip.
    @Test func verifiesBeforeParsing() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        Self.writeFolder(dir, sums: true)
        Self.write([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF], to: dir + "/train-images-idx3-ubyte.gz")
        if case .checksumMismatch = Self.failure({ _ = try MNIST.load(from: dir) }) {} else {
            Issue.record("a file that differs from its sum was parsed before being verified")
        }
    }

    /// Zero test images would give "Test accuracy: 0.0000": refused.
    @Test func refusesEmptySplit() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        Self.writeFolder(dir, sums: true, testImages: 0)
        #expect(Self.failure { _ = try MNIST.load(from: dir) } == .emptySplit(path: dir + "/t10k-images-idx3-ubyte"))
    }

    /// A gzip bomb: a valid header for 10 labels followed by 64 MiB of zeros compresses to
    /// about 64 KB (deflate's ratio is at most 1032:1). The reader stops after the 10
    /// announced bytes plus 1 MiB of counting, so it answers at once and holds at most a
    /// few MiB, where inflating the whole stream would hold 64 MiB.
    @Test func gzipBombStopsAtTheAnnouncedSize() throws {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        let content = Self.labels(10) + [UInt8](repeating: 0, count: 64 << 20)
        Self.write(Gzip.compress(content), to: dir + "/bomb.gz")
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/bomb.gz", rank: 1) }
                == .trailingDataAtLeast(path: dir + "/bomb.gz", expectedBytes: 10, extraBytes: 1 << 20))
        // A few extra bytes are counted exactly.
        Self.write(Gzip.compress(Self.labels(4) + [9, 9]), to: dir + "/l.gz")
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/l.gz", rank: 1) }
                == .trailingData(path: dir + "/l.gz", expectedBytes: 4, foundBytes: 6))
        // A header that announces more than 1 GiB is refused before anything is allocated;
        // one that announces 1 GiB in a tiny file is truncated data, found with little memory.
        Self.write(Gzip.compress(IDXReader.encode(dimensions: [60000, 28000, 28], bytes: [])), to: dir + "/huge.gz")
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/huge.gz", rank: 3) }
                == .wrongDimensions(path: dir + "/huge.gz", found: [60000, 28000, 28], expected: "at most 1073741824 bytes of data"))
        Self.write(Gzip.compress(IDXReader.encode(dimensions: [1 << 30], bytes: [1, 2, 3])), to: dir + "/claims.gz")
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/claims.gz", rank: 1) }
                == .truncatedData(path: dir + "/claims.gz", expectedBytes: 1 << 30, foundBytes: 3))
    }

    /// Concatenated gzip members read as one stream, as `gzip -d` does.
    @Test func concatenatedMembers() throws {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        let content = Self.images(3)
        Self.write(Gzip.compress(Array(content.prefix(100))) + Gzip.compress(Array(content.dropFirst(100))), to: dir + "/two.gz")
        #expect(try IDXReader.read(path: dir + "/two.gz", rank: 3).bytes == Array(content.dropFirst(16)))
    }

    /// A FIFO (or a device) is not a data file: reading one could block forever.
    @Test func refusesNonRegularFiles() {
        let dir = Self.makeFolder()
        defer { Self.removeFolder(dir) }
        #expect(mkfifo(dir + "/fifo", 0o600) == 0)
        #expect(Self.failure { _ = try IDXReader.read(path: dir + "/fifo", rank: 1) } == .unreadable(path: dir + "/fifo", reason: "not a regular file"))
        #expect(Self.failure { _ = try IDXReader.read(path: "/dev/zero", rank: 1) } == .unreadable(path: "/dev/zero", reason: "not a regular file"))
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
