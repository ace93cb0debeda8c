#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
    import Foundation
#endif

/// Where the built `mpstudy` binary is: beside the test bundle in the build products folder
/// (`.build/<triple>/<configuration>/`), which `swift test` builds before it runs the tests
/// (this target depends on the executable target). `MPSTUDY_BINARY` overrides the search,
/// e.g. to run these tests against a release build.
enum MPStudyExecutable {
    /// The absolute path of the binary, or nil with the folders searched in ``searched``.
    static let path: String? = candidates.lazy.map { $0 + "/mpstudy" }.first(where: isExecutableFile)

    /// A message naming the folders searched, for a failed search.
    static var searched: String {
        "no executable 'mpstudy' in " + candidates.joined(separator: ", ") + " (set MPSTUDY_BINARY to its path)"
    }

    /// Folders to look in, most specific first: the folder of `MPSTUDY_BINARY`, the folders
    /// holding the running test executable (Linux: `/proc/self/exe`; macOS: the `.xctest`
    /// bundle) and up to three of their parents, then `.build/debug` of this package.
    static var candidates: [String] {
        var folders: [String] = []
        if let override = getenv("MPSTUDY_BINARY").map({ String(cString: $0) }), !override.isEmpty {
            return [parent(of: absolute(override))]
        }
        var starts: [String] = []
        if let me = readLink("/proc/self/exe") { starts.append(me) }
        if let first = CommandLine.arguments.first, first.contains("/") { starts.append(absolute(first)) }
        #if canImport(Darwin)
            starts += Bundle.allBundles.map(\.bundlePath).filter { $0.hasSuffix(".xctest") }.map { $0 + "/x" }
        #endif
        for start in starts {
            var folder = parent(of: start)
            for _ in 0..<4 where folder.count > 1 {
                if !folders.contains(folder) { folders.append(folder) }
                folder = parent(of: folder)
            }
        }
        // This file is Tests/MPStudyEndToEndTests/<name>.swift.
        let root = parent(of: parent(of: parent(of: #filePath)))
        folders.append(root + "/.build/debug")
        return folders
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let cwd = getcwd(nil, 0) else { return path }
        defer { free(cwd) }
        return String(cString: cwd) + "/" + path
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && access(path, X_OK) == 0
    }
}
