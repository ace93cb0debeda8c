//===--- RunRecordSignature.swift -----------------------------------------===//
//
// Whether a file looks like a run.json, without decoding it.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Recognises a `run.json` written by mpstudy cheaply: a JSON object whose top level has a
/// `schemaVersion` member with a number (what every run.json of every schema version has,
/// and what ``RunFolderReader`` checks first). The file is scanned in chunks, tracking
/// strings and nesting only, so a run.json of hundreds of megabytes costs one read and no
/// memory; it is not validated (``RunFolderReader`` does that when a record is needed).
enum RunRecordSignature {
    /// Whether the file at `path` is such an object.
    static func matches(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var scanner = Scanner()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            switch buffer.withUnsafeBufferPointer({ scanner.feed(UnsafeBufferPointer(rebasing: $0[..<count])) }) {
            case .found: return true
            case .notAnObject: return false
            case .needMore: continue
            }
        }
    }

    /// The scanning state machine (fed chunk by chunk).
    struct Scanner {
        enum Verdict { case found, notAnObject, needMore }

        static let key = Array("schemaVersion".utf8)

        var started = false
        var depth = 0
        var inString = false
        var escaped = false
        /// At depth 1: the next string is a key.
        var expectingKey = false
        /// The key being read (while it is no longer than ``key``), nil when it is another key.
        var keyBytes: [UInt8]? = nil
        /// The last key read at depth 1 was `schemaVersion` and its value comes next.
        var valueOfKey = false
        var afterColon = false

        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
            for byte in bytes {
                if inString {
                    if escaped {
                        escaped = false
                        keyBytes = nil
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        inString = false
                        if let bytes = keyBytes { valueOfKey = bytes == Self.key }
                        keyBytes = nil
                    } else if keyBytes != nil {
                        keyBytes!.append(byte)
                        if keyBytes!.count > Self.key.count { keyBytes = nil }
                    }
                    continue
                }
                let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
                if isSpace { continue }
                guard started else {
                    guard byte == UInt8(ascii: "{") else { return .notAnObject }
                    (started, depth, expectingKey) = (true, 1, true)
                    continue
                }
                if afterColon {
                    afterColon = false
                    if valueOfKey && depth == 1 && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                        return .found
                    }
                    valueOfKey = false
                }
                switch byte {
                case UInt8(ascii: "\""):
                    inString = true
                    if depth == 1 && expectingKey {
                        keyBytes = []
                        expectingKey = false
                    }
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return .notAnObject }
                case UInt8(ascii: ":") where depth == 1:
                    afterColon = true
                case UInt8(ascii: ",") where depth == 1:
                    expectingKey = true
                    valueOfKey = false
                default:
                    break
                }
            }
            return .needMore
        }
    }
}
