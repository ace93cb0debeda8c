#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes `text` to standard error, unbuffered.
func writeStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { _ = write(2, $0.baseAddress, $0.count) }
}

/// Whether standard error is a terminal (live progress lines are shown only then).
func standardErrorIsTerminal() -> Bool { isatty(2) == 1 }

/// Flushes standard output (every C stream), so that lines appear as they are printed even
/// when piped.
func flushStandardOutput() { fflush(nil) }
