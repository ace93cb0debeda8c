#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
    import Foundation
#endif
import _TestSupport

/// What one run of the `mpstudy` binary did.
struct CommandResult: CustomStringConvertible {
    let arguments: [String]
    /// The exit status, or 128 + the signal number when a signal ended the process.
    let status: Int32
    let output: String
    let errors: String
    /// The largest resident set the process had, in bytes: on Linux the last `VmHWM` of
    /// `/proc/<pid>/status` read while it ran (polled every few milliseconds; the process's
    /// own address space only), elsewhere `ru_maxrss`. (Linux's `ru_maxrss` is no measure
    /// here: posix_spawn shares the test runner's address space until exec, and exec records
    /// that space's high-water mark as the child's.)
    var maxResidentBytes = 0

    /// The lines written to standard error (a final newline does not start an empty line).
    var errorLines: [Substring] {
        errors.isEmpty
            ? []
            : errors.dropLast(errors.hasSuffix("\n") ? 1 : 0).split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// Exactly one non-empty line, ended by a newline, on standard error.
    var hasOneErrorLine: Bool {
        errors.hasSuffix("\n") && errorLines.count == 1 && !errorLines[0].allSatisfy { $0 == " " || $0 == "\t" }
    }

    var description: String {
        "mpstudy \(arguments.joined(separator: " ")) -> exit \(status), stderr: \(errors.debugDescription.prefix(400)), "
            + "stdout: \(output.debugDescription.prefix(200))"
    }
}

/// A signal to send to the running `mpstudy` once its standard output holds `marker` (e.g.
/// `Epoch 1/` to interrupt a training in its first epoch).
struct SignalWhen: Sendable {
    let signal: Int32
    let marker: String
}

/// The process did not finish in time; it was killed.
struct CommandTimeout: Error, CustomStringConvertible {
    let arguments: [String]
    let seconds: Double
    var description: String { "mpstudy \(arguments.joined(separator: " ")) still running after \(seconds) s: killed" }
}

/// A process could not be started.
struct CommandSpawnError: Error, CustomStringConvertible {
    let description: String
}

/// Runs the built `mpstudy` with `arguments` in the folder `directory` (its working
/// directory, so relative paths and default output folders land there), standard input
/// from /dev/null, standard output and error into files that are read back. A run that
/// outlives `timeout` seconds is killed (SIGKILL) and reported as ``CommandTimeout``, so a
/// hang fails the test instead of blocking the test run. With `signal`, that signal is sent
/// as soon as standard output holds its marker; SIGINT and SIGTERM start with their default
/// action whatever the test runner's are.
///
/// With `errorsIntoOutput`, standard error goes into the same file as standard output (as
/// `2>&1` does; ``CommandResult/output`` then holds both, in the order they were written).
func mpstudy(
    _ arguments: [String], in directory: ScratchFolder, timeout: Double = 60,
    errorsIntoOutput: Bool = false, signal: SignalWhen? = nil, environment overrides: [String: String] = [:]
) throws -> CommandResult {
    try mpstudy(
        bytes: arguments.map { Array($0.utf8) }, in: directory, timeout: timeout,
        errorsIntoOutput: errorsIntoOutput, signal: signal, environment: overrides)
}

/// ``mpstudy(_:in:timeout:errorsIntoOutput:signal:)`` with each argument given as its exact
/// bytes, which need not be UTF-8 (a Swift String cannot hold such an argument).
func mpstudy(
    bytes arguments: [[UInt8]], in directory: ScratchFolder, timeout: Double = 60,
    errorsIntoOutput: Bool = false, signal: SignalWhen? = nil, environment overrides: [String: String] = [:]
) throws -> CommandResult {
    guard let binary = MPStudyExecutable.path else { throw CommandSpawnError(description: MPStudyExecutable.searched) }
    let shown = arguments.map { String(decoding: $0, as: UTF8.self) }
    return try withScratchFolder(prefix: "mpstudy-e2e-io") { io in
        let outPath = io.file("stdout")
        let errPath = io.file("stderr")
        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if errorsIntoOutput {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }

        // The parent's environment without colour or terminal hints, and one BLAS thread
        // unless a test asks for more (`--threads`).
        // `overrides` (e.g. PATH) replace the variables they name.
        var environment = currentEnvironment().filter { entry in
            !entry.hasPrefix("NO_COLOR=") && !entry.hasPrefix("OPENBLAS_NUM_THREADS=")
                && !overrides.keys.contains { entry.hasPrefix($0 + "=") }
        }
        environment +=
            ["NO_COLOR=1", "OPENBLAS_NUM_THREADS=1"]
            + overrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        // `sh` changes into the working directory and replaces itself with mpstudy (the process
        // keeps its id, so the timeout kills mpstudy itself); the arguments pass untouched as
        // "$@". (posix_spawn_file_actions_addchdir_np is not visible to Swift on every libc.)
        let script = #"cd "$1" || exit 125; shift; exec "$@""#
        let shell: [String] = ["/bin/sh", "-c", script, "mpstudy-e2e", directory.path, binary]
        let fixed: [UnsafeMutablePointer<CChar>?] = shell.map { strdup($0) }
        let given: [UnsafeMutablePointer<CChar>?] = arguments.map(cString)
        let argv = fixed + given + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        #if canImport(Darwin)
            var attributes: posix_spawnattr_t? = nil
        #else
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        var mask = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw CommandSpawnError(description: "cannot start \(binary): \(String(cString: strerror(spawned)))")
        }
        var signalled = false
        var highWater = 0
        let (status, usage) = try waitForExit(pid, timeout: timeout, arguments: shown) {
            highWater = max(highWater, residentHighWater(of: pid) ?? 0)
            guard let signal, !signalled, FileTree.text(outPath)?.contains(signal.marker) == true else { return }
            kill(pid, signal.signal)
            signalled = true
        }
        var result = CommandResult(
            arguments: shown, status: status,
            output: FileTree.text(outPath) ?? "", errors: FileTree.text(errPath) ?? "")
        #if canImport(Darwin)
            result.maxResidentBytes = Int(usage.ru_maxrss)
        #else
            _ = usage
            result.maxResidentBytes = highWater
        #endif
        return result
    }
}

/// `VmHWM` of `/proc/<pid>/status` in bytes: the peak resident set of the process's current
/// address space; nil when it cannot be read (not Linux, or the process has exited).
private func residentHighWater(of pid: pid_t) -> Int? {
    // /proc files report size 0, so read until end of file rather than by their size.
    let fd = open("/proc/\(pid)/status", O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { break }
        bytes += buffer[..<n]
    }
    let status = String(decoding: bytes, as: UTF8.self)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kilobytes = Int(
            line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    else { return nil }
    return kilobytes * 1024
}

/// A malloc'ed NUL-terminated copy of `bytes` (freed by the caller), whatever the bytes are.
private func cString(_ bytes: [UInt8]) -> UnsafeMutablePointer<CChar>? {
    guard let copy = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self) else { return nil }
    for (i, byte) in bytes.enumerated() { copy[i] = CChar(bitPattern: byte) }
    copy[bytes.count] = 0
    return copy
}

/// Waits for `pid`, polling (and calling `poll` each time), and kills it after `timeout`
/// seconds; the exit status, or 128 + the signal number (the shell's convention) when a
/// signal ended it, and the process's resource usage.
private func waitForExit(
    _ pid: pid_t, timeout: Double, arguments: [String], poll: () -> Void
) throws -> (Int32, rusage) {
    let start = monotonicSeconds()
    var pause: useconds_t = 1_000
    var raw: Int32 = 0
    var usage = rusage()
    while true {
        let result = wait4(pid, &raw, WNOHANG, &usage)
        if result == pid { break }
        if result == -1 && errno != EINTR {
            throw CommandSpawnError(description: "waitpid: \(String(cString: strerror(errno)))")
        }
        poll()
        if monotonicSeconds() - start > timeout {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &raw, 0)
            throw CommandTimeout(arguments: arguments, seconds: timeout)
        }
        usleep(pause)
        pause = min(pause * 2, 20_000)
    }
    // POSIX wait status: low 7 bits the terminating signal (0: exited), bits 8-15 the exit code.
    let signal = raw & 0x7F
    return (signal == 0 ? (raw >> 8) & 0xFF : 128 + signal, usage)
}

private func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

private func currentEnvironment() -> [String] {
    #if canImport(Darwin)
        return ProcessInfo.processInfo.environment.map { "\($0)=\($1)" }
    #else
        var entries: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            entries.append(String(cString: entry))
            cursor += 1
        }
        return entries
    #endif
}
