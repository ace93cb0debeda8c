//===--- FolderExchange.swift ---------------------------------------------===//
//
// Swapping two folders in one atomic step.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Atomically exchanges two entries of one file system: Linux `renameat2` with
/// `RENAME_EXCHANGE` (3.15 and later; ext4, XFS, Btrfs, tmpfs, overlayfs, not NFS), macOS
/// `renamex_np` with `RENAME_SWAP` (APFS, HFS+). After the call each path names what the
/// other named; there is no moment at which either is missing.
///
/// Glibc declares `renameat2` only with `_GNU_SOURCE`, which Swift's Glibc module does not
/// set, so the function is looked up by name in the C library at run time.
enum FolderExchange {
    /// The outcome of one attempt.
    enum Result: Equatable {
        case exchanged
        /// The system or the file system cannot exchange (the caller must fall back).
        case unsupported
        /// Another error (errno's text).
        case failed(String)
    }

    /// Exchanges `a` and `b`.
    static func exchange(_ a: String, _ b: String) -> Result {
        #if os(Linux)
            typealias RenameAt2 =
                @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE of <linux/fs.h>
            guard let library = dlopen(nil, RTLD_NOW) else { return .unsupported }
            defer { dlclose(library) }
            guard let symbol = dlsym(library, "renameat2") else { return .unsupported }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            if renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 { return .exchanged }
        #elseif canImport(Darwin)
            if renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 { return .exchanged }
        #else
            return .unsupported
        #endif
        switch errno {
        case EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP: return .unsupported
        default: return .failed(AtomicFile.lastError())
        }
    }
}
