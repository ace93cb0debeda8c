import Analyzer
import ArgumentParser
import NeuralNet
import Precision
import Reporter

/// `mpstudy analyze`: trains the case-study model under a precision policy with the analyzer
/// attached, prints the per-layer table of the chosen layers and writes the run folder.
///
/// Thin: it checks every argument in `validate()`, before any work (names are typed values,
/// numbers go through the one ``ModelRunOptions`` mapping that `train` uses too), checks the
/// report folder, then hands over to ``AnalysisSession`` (Analyzer) and
/// ``RunFolderPublisher`` (Reporter).
///
/// Decisions, documented here and in `--help`:
/// - Default report folder: `Reports/<policy>-u<units>-b<batch>-e<epochs>-s<seed>` (plus
///   `-vs-<policy>...` with `--compare`): deterministic, so a rerun of the same configuration
///   replaces its report instead of piling up timestamped copies.
/// - `--compare`: the primary run's report is the folder itself; each compared policy gets a
///   complete report in the subfolder named after it (`<output>/float32/`), trained with the
///   same seed, data and settings and with its own Keras-default loss scaling (`--loss-scale`
///   applies to the primary policy only). The primary `run.json` and `summary.md` carry the
///   comparison table.
/// - The report folder (`--output` or the default) must be new, empty, or a run folder that
///   mpstudy wrote (``RunFolderTarget``); any other folder is refused before the data is
///   loaded, so no file of the user's is overwritten or deleted. A run folder is replaced as
///   a whole, compared runs' subfolders included: the new one is built beside it and renamed
///   into place only when complete (``RunFolderPublisher``), so an interrupted or killed run
///   leaves the old report as it was, and a failed data load leaves nothing.
/// - SIGINT or SIGTERM stops the command with one line `mpstudy: interrupted` and exit
///   status 128 + the signal (``Interruption``).
/// - A run that diverges (e.g. `--policy float16 --loss-scale none`) is a valid result: its
///   report holds the steps up to the divergence and says where and why, a line
///   `mpstudy: warning: ... diverged at step N: ...` goes to standard error, and the exit
///   status is 0.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Train under a precision policy and record, per layer and tensor, what rounding did.",
        discussion: """
            Records for every layer and tensor kind at every training step: overflow, underflow \
            (flushes), subnormals, NaN/inf inputs, rounding error (mean, RMS, max; relative and in \
            units of u = 2^-p), exponent histograms, the flushes and overflows gradients would have \
            had without loss scaling, lost weight updates, and the drift of each layer's output from \
            a float32 shadow forward pass. Writes run.json, steps.csv, layers.csv, histograms.csv, \
            summary.md and SVG charts (charts/) into the report folder (default Reports/<policy>-u<units>-b<batch>-e<epochs>-s<seed>, plus -loss-scale-<scaling> when --loss-scale is given). \
            With --compare, each compared policy's report goes to a subfolder named after it. \
            The report folder must be new, empty, or a run folder mpstudy wrote (any other folder is \
            refused, nothing of yours is overwritten); a run folder is replaced as a whole, and only \
            once the new one is complete: an interrupted run (Ctrl-C: "mpstudy: interrupted", exit \
            130) leaves the old report untouched. \
            A diverged run still writes its report and exits 0 with a warning.
            """
    )

    @Option(name: .customLong("layer"), help: "Layers to show.", default: "all")
    var layers: [Selection<ModelLayer>] = []

    @Option(name: .customLong("tensor"), help: "Tensor groups to show.", default: "all")
    var tensors: [Selection<TensorGroup>] = []

    @Option(
        help:
            "Precision policy: a Keras policy, or a low-precision recipe (fp8_delayed, fp8_current, mxfp8, mxfp6, mxfp4, nvfp4; see the recipe options)."
    )
    var policy: PrecisionPolicy = .mixedFloat16

    @Option(help: "Policies to run for comparison with the same seed and data.", default: "none")
    var compare: [Selection<PrecisionPolicy>] = []

    /// The model and training options, shared with `train` (`--loss-scale` applies to the
    /// primary policy; compared policies use their Keras defaults).
    @OptionGroup var model: ModelRunOptions

    /// The recipe options, applied to every recipe policy of the run (primary and compared).
    @OptionGroup(title: "Recipe options") var recipe: RecipeOptions

    @Option(
        help:
            "Report folder: new, empty, or a run folder mpstudy wrote (replaced as a whole). Default: Reports/<policy>-u<units>-b<batch>-e<epochs>-s<seed>."
    )
    var output: String?

    @Option(
        name: .customLong("shadow-every"), parsing: .unconditional,
        help:
            "Run the float32 shadow forward pass (drift) every K training steps, 0 for never. Each pass costs about a third of a step: K=1 +33%, K=2 +17%, K=5 +7%, K=10 +3%."
    )
    var shadowEvery = PrecisionAnalyzer.defaultShadowEvery

    @Flag(
        name: .customLong("skip-complete"),
        help:
            "Do nothing when the report folder already holds a complete run.json of these options (same policy, seed and training numbers): what mpstudy sweep's job lines use to resume."
    )
    var skipComplete = false

    @Option(
        name: .customLong("dump-tensors"),
        help: ArgumentHelp(
            "Also write, for these training steps (1-based, as in steps.csv: e.g. 1,3,10-12), every tensor the analyzer rounds, as float32 before rounding, into the capture folder --dump-dir (mpstudy inspect --run reads it). Primary policy only; costs the I/O of the tensors.",
            valueName: "steps"))
    var dumpTensors: String?

    @Option(
        name: .customLong("dump-dir"),
        help: ArgumentHelp(
            "The capture folder of --dump-tensors: new, empty, or a capture folder mpstudy wrote (replaced as a whole once complete).",
            valueName: "dir"))
    var dumpDir: String?

    @Flag(
        help:
            "Print, for each run, where the time of a training step goes (GEMM, training work, each part of the analysis) and the step against the floor at the machine's FMA peak."
    )
    var profile = false

    func validate() throws {
        if skipComplete && !compare.isEmpty && compare.flatMap(\.values) != [] {
            throw ValidationError("--skip-complete checks one run's folder; it cannot be combined with --compare")
        }
        guard shadowEvery >= 0 else {
            throw ValidationError("shadow-every must be 0 (off) or a positive number of steps, got \(shadowEvery)")
        }
        _ = try DumpPlan(self)
        do {
            _ = try AnalysisPlan(self)
        } catch let error as RecipeOptionError {
            throw ValidationError(error)
        } catch let error as TrainingConfigurationError {
            throw ValidationError(error)
        }
    }

    func run() throws {
        let plan = try AnalysisPlan(self)
        if skipComplete, let done = plan.completeRun() {
            print("analyze: \(done) already holds a complete run of these options; skipped (--skip-complete)")
            return
        }

        // Before any output or work: may re-execute the program with a better OpenBLAS core.
        OpenBLASCoreRelaunch.relaunchIfNeeded()

        Interruption.install()
        let target = try plan.checkOutput()
        let dumpPlan = try DumpPlan(self)
        let dumpTarget = try dumpPlan.map { try $0.checkTarget(against: target) }
        let mnist = try MNIST.load(from: model.data, checksums: model.checksums)
        let output = AnalyzeOutput()
        let environment = RunEnvironment(
            cpu: BLASRuntime.cpuModel, blas: BLASRuntime.summary, cores: BLASRuntime.availableCores,
            threads: plan.threads,
            vectorRoundingKernels: TensorRounder().usesVectorKernels,
            commandLine: ["mpstudy"] + CommandLine.arguments.dropFirst())

        let dump = try dumpTarget.map { target throws(ReportWriteError) in
            try CaptureDump(
                steps: dumpPlan!.steps, to: target, framework: "mpstudy \(MPStudyVersion.package) (analyze)",
                layers: AnalysisSession.layerNames)
        }
        var records: [RunRecord] = []
        let runs = TrainingRuns(count: plan.runs.count)
        for (index, settings) in plan.runs.enumerated() {
            let session = try AnalysisSession(settings: settings, threads: plan.threads)
            output.runStarted(settings, index: index, of: plan.runs.count, mnist: mnist, dataFolder: model.data)
            var runEnvironment = environment
            runEnvironment.loadAverage = BLASRuntime.loadAverage
            let progress = runs.printer(run: index, divergenceNote: "; the report covers the steps up to it")
            var profileReport: ProfileReport?
            var record = try session.run(
                train: mnist.train, test: mnist.test, classes: MNIST.classes,
                environment: runEnvironment, dump: index == 0 ? dump : nil, trained: { profileReport = $0 }
            ) { progress.handle($0) }
            runs.runFinished()
            record.environment.loadAverageAtEnd = BLASRuntime.loadAverage
            output.runFinished(record)
            if profile, let profileReport {
                print("\(settings.policy) training steps with analysis:")
                ProfileOutput.print(profileReport, threads: plan.threads)
            }
            if index == 0 { output.layerTables(record) }
            record.comparison = []
            records.append(record)
        }
        if records.count > 1 {
            records[0].comparison = records.enumerated().map { i, r in
                r.outcome(folder: i == 0 ? "." : plan.subfolderNames[i])
            }
            output.comparison(records[0].comparison)
        }
        let entries = zip(plan.subfolderNames, records).map { RunFolderPublisher.Entry(subfolder: $0, record: $1) }
        try Interruption.deferring { () throws(ReportWriteError) in
            try RunFolderPublisher.publish(entries, to: target, durable: true, shouldStop: { Interruption.requested })
            if !Interruption.requested { try dump?.publish(durable: true) }
        }
        Interruption.stopIfRequested()
        output.written(target.path, compared: plan.subfolderNames.dropFirst().map { target.path + "/" + $0 })
        if let dump { output.dumped(dump) }
    }
}
