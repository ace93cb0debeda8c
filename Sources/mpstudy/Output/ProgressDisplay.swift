//===--- ProgressDisplay.swift --------------------------------------------===//
//
// The one place progress reaches standard error: a live line on a terminal, whole lines
// elsewhere, never more often than an interval.
//
//===----------------------------------------------------------------------===//

import Foundation

/// Seconds on a clock that only moves forward. Injected, so that tests drive the progress
/// lines and their ETAs with made-up times instead of waiting.
typealias ProgressClock = @Sendable () -> Double

/// Seconds on the system's monotonic clock (not the wall clock, which can jump).
@Sendable func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// Shows the progress of a long command on standard error, in the way the stream allows.
///
/// - ``Mode/live`` (standard error is a terminal): one line, redrawn in place (`\r`, then
///   erase to the end of the line), at most every ``redrawInterval`` seconds, cut to the
///   terminal's width so that it never wraps (a wrapped line cannot be redrawn), and removed
///   by ``clear()`` before anything else is printed.
/// - ``Mode/lines`` (a pipe or a file: `scripts/run.sh | tee log`): whole lines
///   `mpstudy: progress: <text>`, each written at once with one unbuffered `write`, at most one
///   per `lineInterval` seconds (a log keeps a line per step or per interval, not a redraw
///   per step).
///
/// An update asked for with `force` (the first and last step of an epoch, the start of a
/// phase) is shown whatever the interval. The text is built only when it will be shown.
///
/// Safe to call from several threads at once (the chunks of a `verify` sweep report from
/// the workers that ran them): every update happens under one lock, so lines never mix.
final class ProgressDisplay: @unchecked Sendable {
    /// How the progress is shown; see the type's documentation.
    enum Mode: Sendable, Equatable {
        case live
        case lines

        /// Live on a terminal, lines elsewhere.
        static var forStandardError: Mode { standardErrorIsTerminal() ? .live : .lines }
    }

    /// What every line of ``Mode/lines`` starts with, so a reader of a log (or `grep -v`) can
    /// tell progress from results, warnings and errors.
    static let lineTag = "mpstudy: progress: "
    /// Least seconds between two redraws of the live line: ten a second is smooth to read and
    /// costs nothing.
    static let redrawInterval = 0.1

    let mode: Mode
    /// Least seconds between two updates shown (unless forced).
    let interval: Double
    let clock: ProgressClock
    /// The columns of the terminal (live mode; nil: unknown, the line is not cut).
    let columns: Int?
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    /// When the last update was shown (nil: none yet, the next one is shown).
    private var lastShown: Double?
    /// Whether a live line is on the screen now.
    private var liveLineShown = false

    /// A display in `mode`; in ``Mode/lines`` at most one line per `lineInterval` seconds.
    /// `write` receives the exact text for standard error (tests collect it).
    init(
        mode: Mode = .forStandardError, lineInterval: Double, clock: @escaping ProgressClock = monotonicSeconds,
        columns: Int? = standardErrorColumns(),
        write: @escaping @Sendable (String) -> Void = writeStandardError
    ) {
        self.mode = mode
        interval = mode == .live ? Self.redrawInterval : lineInterval
        self.clock = clock
        self.columns = columns
        self.write = write
    }

    /// Shows the text `text` builds from the time now, if `force` is set, if nothing was shown yet, or if
    /// ``interval`` seconds have passed since the last update shown (or since
    /// ``restartInterval()``).
    func update(force: Bool = false, _ text: (_ now: Double) -> String) {
        lock.lock()
        defer { lock.unlock() }
        let now = clock()
        if !force, let lastShown, now - lastShown < interval { return }
        lastShown = now
        switch mode {
        case .live:
            write("\r\u{1B}[K" + Self.cut(text(now), to: columns))
            liveLineShown = true
        case .lines:
            write(Self.lineTag + text(now) + "\n")
        }
    }

    /// Counts the interval from now, as if an update had just been shown: a sweep's first
    /// line comes one interval after it starts (a sweep shorter than that shows none), and a
    /// live line is not redrawn for the first tenth of a second.
    func restartInterval() {
        lock.lock()
        defer { lock.unlock() }
        lastShown = clock()
    }

    /// Removes the live line, before other output goes to the terminal (nothing in lines mode,
    /// where every line is already complete).
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if liveLineShown {
            write("\r\u{1B}[K")
            liveLineShown = false
        }
    }

    /// Writes `line` (a warning) on standard error on a line of its own, after removing the
    /// live line.
    func message(_ line: String) {
        clear()
        lock.lock()
        defer { lock.unlock() }
        write(line + "\n")
    }

    /// `text` cut to `columns - 1` characters (the last column stays free: some terminals wrap
    /// when it is written), ending in `...` when cut.
    static func cut(_ text: String, to columns: Int?) -> String {
        guard let columns, columns > 4, text.count > columns - 1 else { return text }
        return String(text.prefix(columns - 4)) + "..."
    }
}

/// The width of the terminal standard error writes to, or nil (not a terminal, or unknown).
func standardErrorColumns() -> Int? {
    var size = winsize()
    guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}
