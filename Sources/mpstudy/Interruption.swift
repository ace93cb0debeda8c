//===--- Interruption.swift -----------------------------------------------===//
//
// SIGINT and SIGTERM: stop at once while nothing is on disk, cleanly while a report is written.
//
//===----------------------------------------------------------------------===//

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// How `train`, `analyze` and `report` end on SIGINT (Ctrl-C) or SIGTERM: one line
/// `mpstudy: interrupted` on standard error and exit status 128 + the signal (130 for
/// SIGINT, 143 for SIGTERM), leaving no temporary file and any old report folder untouched.
///
/// - While the data loads and the model trains, nothing is on disk yet (a run folder is
///   written only at the end, ``RunFolderPublisher``), so the handler prints the line and
///   ends the process at once, without waiting for the training step to finish.
/// - While a run folder is written (``deferring(_:)``), the handler only records the signal;
///   the writer asks ``requested`` between runs and before it puts the folder in place,
///   removes what it wrote and returns, and ``stopIfRequested()`` ends the process. A signal
///   arriving after the folder was put in place ends the process once it is complete.
///
/// A signal that was ignored when mpstudy started (`nohup`, a background job of a
/// non-interactive shell) stays ignored, as the convention for command-line tools is.
///
/// A signal handler can reach only global state; the three atomics below are that state
/// (lock-free, so safe to touch in a handler), initialised before the handler is installed.
enum Interruption {
    /// 0: stop at once; 1: defer (a run folder is being written).
    private static let deferred = Atomic<Int32>(0)
    /// The signal received while deferred (0: none).
    private static let pending = Atomic<Int32>(0)
    /// Whether standard error is a terminal (then the line first clears a live progress line).
    private static let terminal = Atomic<Bool>(false)

    /// Installs the handler for SIGINT and SIGTERM (keeping either ignored if it was).
    static func install() {
        deferred.store(0, ordering: .sequentiallyConsistent)
        pending.store(0, ordering: .sequentiallyConsistent)
        terminal.store(isatty(2) == 1, ordering: .sequentiallyConsistent)
        let handler: @convention(c) (Int32) -> Void = { Interruption.handle($0) }
        for signal in [SIGINT, SIGTERM] {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0, !isIgnored(current) else { continue }
            var action = sigaction()
            #if canImport(Darwin)
                action.__sigaction_u.__sa_handler = handler
            #else
                action.__sigaction_handler.sa_handler = handler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
    }

    /// Whether a signal arrived while deferred (the run folder writer's `shouldStop`).
    static var requested: Bool { pending.load(ordering: .acquiring) != 0 }

    /// Runs `body` (the writing of a report) with signals deferred.
    @discardableResult
    static func deferring<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure) -> Result {
        deferred.store(1, ordering: .sequentiallyConsistent)
        defer { deferred.store(0, ordering: .sequentiallyConsistent) }
        return try body()
    }

    /// Ends the process as interrupted if a signal arrived while deferred.
    static func stopIfRequested() {
        let signal = pending.load(ordering: .acquiring)
        guard signal != 0 else { return }
        fflush(nil)
        writeLine()
        exit(128 + signal)
    }

    /// The handler: async-signal-safe calls only (`write`, `_exit`, atomics).
    private static func handle(_ signal: Int32) {
        if deferred.load(ordering: .acquiring) == 0 {
            writeLine()
            _exit(128 + signal)
        }
        _ = pending.compareExchange(expected: 0, desired: signal, ordering: .acquiringAndReleasing)
    }

    /// `mpstudy: interrupted` on standard error with `write` (safe in a handler); on a
    /// terminal it first clears the live progress line.
    private static func writeLine() {
        let line: StaticString = "mpstudy: interrupted\n"
        let clearing: StaticString = "\r\u{1B}[Kmpstudy: interrupted\n"
        let text = terminal.load(ordering: .relaxed) ? clearing : line
        _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
    }

    /// Whether `action` ignores its signal.
    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Darwin)
            let handler = action.__sigaction_u.__sa_handler
        #else
            let handler = action.__sigaction_handler.sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
    }
}
