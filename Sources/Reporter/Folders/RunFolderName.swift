//===--- RunFolderName.swift ----------------------------------------------===//
//
// The names a compared run's subfolder may have.
//
//===----------------------------------------------------------------------===//

/// The subfolder names of compared runs inside a run folder (`<output>/float32/`).
/// `mpstudy analyze` names them after policies; a run.json read back names them in its
/// comparison rows, and `mpstudy report` writes each compared run there. Only plain names are
/// accepted, so that a run.json naming `../B` or `/tmp/x` cannot make `report` write outside
/// its output folder: 1 to 64 ASCII letters, digits, `_`, `-` and `.`, not starting with `.`
/// or `-`, and none of the names the run folder's own files and `charts/` use.
public enum RunFolderName {
    /// The longest name accepted, in characters.
    public static let maximumLength = 64

    /// Why `name` is not a plain subfolder name, or nil when it is one.
    public static func problem(with name: String) -> String? {
        guard !name.isEmpty else { return "an empty name" }
        guard name.utf8.count <= maximumLength else { return "longer than \(maximumLength) characters" }
        let allowed = name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        guard allowed else { return "only letters, digits, '_', '-' and '.' are allowed (no '/')" }
        guard name.first != ".", name.first != "-" else { return "it starts with '\(name.first!)'" }
        guard !reserved.contains(name) else { return "the run folder's own '\(name)' has that name" }
        return nil
    }

    /// Whether `name` is a plain subfolder name.
    public static func isValid(_ name: String) -> Bool { problem(with: name) == nil }

    /// The names a run folder's own entries use.
    static let reserved: Set<String> = Set(RunFolderWriter.fileNames + [RunCharts.folder])
}
