import FloatTeaching
import Foundation
import Reference
import SoftFloat

/// `mpstudy-fuzz COMMAND --seed S --start I --count N [--trace] [--show] [--describe] [--slow SECONDS]`: runs inputs
/// I ..< I+N of the fuzz run of COMMAND (explain, decode, calc, parse; npy, npz, safetensors: the tensor-file readers on mutated fixtures) through the library, in
/// process, exactly as `mpstudy` runs them, and checks each (`FuzzTargets.swift`).
/// `scripts/fuzz.sh` drives it; see there for the protocol:
///
/// - standard error: `checkpoint NEXT HANGS MULTILINE ROUNDTRIP MISMATCHES SLOWEST_SECONDS
///   SLOWEST_INDEX` every 1,000 inputs (every input with `--trace`), the counts so far; one line
///   per anomaly (`slow`, `multiline`,
///   `roundtrip`, `mpfr`, with the input escaped; with `--show`, `input` lines for every input;
///   `--describe` prints the inputs, escaped, without running them);
/// - standard output, at the end: `summary COMMAND INPUTS HANGS MULTILINE ROUNDTRIP MISMATCHES
///   SLOWEST_SECONDS SLOWEST_INDEX`;
/// - exit 0 when done, 3 when the watchdog stopped an input running over 10 times the slow
///   limit; a crash ends it by a signal (the script finds the input by replaying with --trace).
///
/// `MPSTUDY_FUZZ_CRASH_AT=i` and `MPSTUDY_FUZZ_HANG_AT=i` make input i crash or hang (to test
/// the script's recovery).
///
/// An input is a hang when it takes more than `--slow` seconds (default 1; the script passes
/// 10 for a debug build, whose code is many times slower) of the thread's CPU time: the work
/// the input costs, not how long a shared machine's scheduler kept it waiting (the watchdog,
/// at 10 times the limit, counts wall-clock time).
@main
struct MPStudyFuzz {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let name = arguments.first, let command = FuzzCommand(rawValue: name) else {
            FileHandle.standardError.write(
                Data(
                    "usage: mpstudy-fuzz explain|decode|calc|parse|npy|npz|safetensors --seed S --start I --count N [--trace] [--slow SECONDS]\n"
                        .utf8))
            exit(64)
        }
        arguments.removeFirst()
        func value(_ option: String, _ fallback: String) -> String {
            guard let i = arguments.firstIndex(of: option), i + 1 < arguments.count else { return fallback }
            return arguments[i + 1]
        }
        let seed = UInt64(value("--seed", "1")) ?? 1
        let start = Int(value("--start", "0")) ?? 0
        let count = Int(value("--count", "1000")) ?? 1000
        let slow = Double(value("--slow", "1")) ?? 1
        let trace = arguments.contains("--trace")
        let show = arguments.contains("--show")
        let corpus = TensorFileCorpus()
        if arguments.contains("--describe") {
            // Names inputs without running them (the script's report of a crash or hang).
            for index in start..<(start + count) {
                let (text, settings, _) = command.run(
                    seed: seed, index: index, oracle: Oracle(), corpus: corpus, dryRun: true)
                let length = text.count > 300 ? " (\(text.count) characters)" : ""
                print(
                    "input \(index) [\(settings)] \"\(FloatParseError.printable(String(text.prefix(300))))\"\(length)")
            }
            return
        }
        // calc recurses once per level of an expression: the whole run gets a large stack.
        let summary = try onLargeStack {
            run(command, seed: seed, start: start, count: count, slow: slow, trace: trace, show: show, corpus: corpus)
        }
        print(summary)
    }

    static func run(
        _ command: FuzzCommand, seed: UInt64, start: Int, count: Int, slow: Double, trace: Bool,
        show: Bool, corpus: TensorFileCorpus
    ) -> String {
        let watchdog = Watchdog(limit: slow * 10)
        // Test hooks for the script's recovery paths: a crash or a hang at a given input.
        let environment = ProcessInfo.processInfo.environment
        let crashAt = environment["MPSTUDY_FUZZ_CRASH_AT"].flatMap(Int.init)
        let hangAt = environment["MPSTUDY_FUZZ_HANG_AT"].flatMap(Int.init)
        let oracle = Oracle()
        var hangs = 0
        var multiLine = 0
        var roundTrip = 0
        var mismatches = 0
        var slowest = (seconds: 0.0, index: start)
        func report(_ kind: String, _ index: Int, _ input: (text: String, settings: String), _ detail: String) {
            let shown = FloatParseError.printable(String(input.text.prefix(200)))
            let length = input.text.count > 200 ? " (\(input.text.count) characters)" : ""
            let line =
                "\(kind) \(index) [\(input.settings)] \"\(shown)\"\(length): \(FloatParseError.printable(String(detail.prefix(400))))"
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        for index in start..<(start + count) {
            watchdog.begin(index)
            if index == crashAt { fatalError("MPSTUDY_FUZZ_CRASH_AT \(index)") }
            if index == hangAt { while true { Thread.sleep(forTimeInterval: 1) } }
            let begin = threadCPUSeconds()
            let (text, settings, anomalies) = command.run(seed: seed, index: index, oracle: oracle, corpus: corpus)
            let input = (text: text, settings: settings)
            let seconds = threadCPUSeconds() - begin
            if seconds > slowest.seconds { slowest = (seconds, index) }
            if show { report("input", index, input, String(format: "%.4f s", seconds)) }
            if seconds > slow {
                hangs += 1
                report("slow", index, input, String(format: "%.3f s", seconds))
            }
            for message in anomalies.multiLineErrors { report("multiline", index, input, message) }
            for message in anomalies.roundTripFailures { report("roundtrip", index, input, message) }
            for message in anomalies.mpfrMismatches { report("mpfr", index, input, message) }
            multiLine += anomalies.multiLineErrors.count
            roundTrip += anomalies.roundTripFailures.count
            mismatches += anomalies.mpfrMismatches.count
            let done = index + 1
            if trace || (done - start) % 1_000 == 0 {
                let slowestText = String(format: "%.4f", slowest.seconds)
                FileHandle.standardError.write(
                    Data(
                        "checkpoint \(done) \(hangs) \(multiLine) \(roundTrip) \(mismatches) \(slowestText) \(slowest.index)\n"
                            .utf8))
            }
        }
        return "summary \(command.rawValue) \(count) \(hangs) \(multiLine) \(roundTrip) \(mismatches) "
            + String(format: "%.4f", slowest.seconds) + " \(slowest.index)"
    }
}

/// CPU time consumed by the calling thread, in seconds.
func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
