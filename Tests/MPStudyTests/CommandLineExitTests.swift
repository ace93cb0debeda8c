import ArgumentParser
import NeuralNet
import Precision
import SoftFloat
import Testing
@testable import mpstudy

/// One exit status per class of error and one line per error, for every command: usage
/// errors 64 (EX_USAGE), data and runtime errors 1 (README, "Exit status and errors").
@Suite struct CommandLineExitTests {
    /// The exit a command line ends with, as `MPStudy.main` computes it (nil: it parsed).
    func exit(_ arguments: [String]) -> CommandLineExit? {
        do {
            _ = try MPStudy.parseAsRoot(arguments)
            return nil
        } catch {
            return CommandLineExit(error, command: MPStudy.self)
        }
    }

    @Test(arguments: [
        ["analyze", "--policy", "fp17"], ["analyze", "--epochs", "0"], ["analyze", "--loss-scale", "1e40"],
        ["analyze", "--layer", "dense_9"], ["analyze", "--layer", ""], ["analyze", "--tensor", "weights"],
        ["analyze", "--compare", "float32,,x"], ["analyze", "--shadow-every", "-1"], ["analyze", "--threads", "0"],
        ["train", "--policy", "fp17"], ["train", "--epochs", "0"], ["train", "--epochs", "-1"],
        ["train", "--loss-scale", "1e-40"], ["train", "--validation-split", "1"],
        ["train", "--rmsprop-epsilon", "middle"],
        ["formats", "--jsn"], ["explain", "0.1", "--format", "quarter"], ["explain", "--rounding", "sideways", "1"],
        ["explain", "0.1", "--all-formats", "--format", "e4m3"], ["explain"], ["explain", "1", "2"],
        ["explain", "--formt", "half", "0.1"], ["decode", "0x3c00", "--format", "quarter"],
        ["calc", "1+1", "--rounding", "sideways"], ["report"], ["verify", "--format", "quarter"],
        ["verify", "--format", ",", "--op", "add"], ["verify", "--count", "0"],
        ["verify", "--exhaustive", "--kernels"],
        ["verify", "--exhaustive", "--count", "1", "--format", "half"], ["bench", "softfloat", "--seconds", "0"],
        ["bench", "softfloat", "--rounds", "0"],
        ["bench", "softfloat", "--count", "0"],
        ["bench", "rounding", "--seconds", "0"], ["--frobnicate"],
    ])
    func usageMistakesExit64WithOneLine(_ arguments: [String]) throws {
        let outcome = try #require(exit(arguments), "\(arguments) parsed")
        #expect(outcome.status == 64, "\(arguments)")
        let message = try #require(outcome.message)
        #expect(!CommandLineExit.oneLine(message).contains("\n"), "\(arguments)")
    }

    @Test func trainAndAnalyzeApplyTheSameRules() throws {
        for command in ["train", "analyze"] {
            #expect(exit([command, "--epochs", "0"])?.message == "epochs must be a positive integer, got 0")
            #expect(exit([command, "--batch-size", "0"])?.message == "batch size must be a positive integer, got 0")
            #expect(
                exit([command, "--learning-rate", "nan"])?.message == "learning rate must be a finite positive number")
            #expect(
                exit([command, "--loss-scale", "1e40"])?.message
                    == "The value '1e40' is invalid for '--loss-scale <loss-scale>': "
                    + "valid: dynamic, none, or a fixed scale: a positive normal float32 number, 1.1754944e-38 to 3.4028235e+38"
            )
            #expect(exit([command, "--epochs", "1", "--loss-scale", "1e-30"]) == nil)
        }
    }

    @Test func unknownNamesAreRefusedWithTheValidList() throws {
        let format = try #require(exit(["verify", "--format", "half,quarter"])?.message)
        #expect(
            format == "The value 'half,quarter' is invalid for '--format <format>': unknown format 'quarter'; valid: "
                + "half (binary16, fp16, float16), single (binary32, fp32, float32), double (binary64, fp64, float64), "
                + "bfloat16 (bf16), e4m3 (fp8-e4m3), e5m2 (fp8-e5m2), e2m3 (fp6-e2m3), e3m2 (fp6-e3m2), "
                + "e2m1 (fp4, fp4-e2m1), e8m0 (scale-e8m0), all; or eXmY (IEEE-like), eXmYfn (no infinities), "
                + "custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no]")
        let policy = try #require(exit(["train", "--policy", "fp16"])?.message)
        #expect(
            policy
                == "The value 'fp16' is invalid for '--policy <policy>': unknown policy; valid: float32, mixed_float16, "
                + "mixed_bfloat16, float16, fp8_delayed, fp8_current, mxfp8, mxfp6, mxfp4, nvfp4")
    }

    @Test func libraryErrorsAreClassified() {
        #expect(
            CommandLineExit(
                TrainingConfigurationError.emptySplit(samples: 1, validationSplit: 0.5), command: MPStudy.self
            ).status == 64)
        #expect(
            CommandLineExit(FloatParseError(reason: "unexpected 'a'", column: 1, input: "a"), command: MPStudy.self)
                .status == 64)
        let data = CommandLineExit(DatasetError.folderNotFound(path: "/nonexistent"), command: MPStudy.self)
        #expect(data.status == 1 && data.message == DatasetError.folderNotFound(path: "/nonexistent").description)
        let failedCheck = CommandLineExit(ExitCode.failure, command: MPStudy.self)
        #expect(failedCheck.status == 1 && failedCheck.message == nil)
    }

    @Test func helpAndVersionExitZero() throws {
        // `--help` parses to argument-parser's help command, whose run() throws the request.
        var helpCommand = try MPStudy.parseAsRoot(["verify", "--help"])
        #expect(throws: (any Error).self) { try helpCommand.run() }
        do {
            try helpCommand.run()
        } catch {
            let help = CommandLineExit(error, command: MPStudy.self)
            #expect(help.status == 0 && help.message == nil)
            // Words joined by single spaces, whatever the wrapping width.
            let words = (help.fullText ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(
                words.contains(
                    "--tininess <tininess> Tininess rules to check. (comma-separated; values: "
                        + "after (afterRounding), before (beforeRounding), all; default: after)"))
            #expect(
                words.contains(
                    "--op <operation> Operations to check. (comma-separated; values: add, sub, mul, div, "
                        + "sqrt, fma, convert, remainder, roundToIntegral, toInt, fromInt, parse, scaleB, "
                        + "compare, nextUp, logB, negate, abs, copySign, minimumMagnitude, maximumMagnitude, "
                        + "minimumMagnitudeNumber, maximumMagnitudeNumber, all; default: all)"))
        }
        let version = try #require(exit(["analyze", "--version"]))
        #expect(version.status == 0 && version.fullText?.hasPrefix("mpstudy \(MPStudyVersion.package) (git ") == true)
    }

    @Test func messagesAreOneEscapedLine() {
        #expect(
            CommandLineExit.oneLine("a\nb\r\n\tc\u{1B}[31m\u{7F}\u{85}é") == "a\\nb\\r\\n\\tc\\u{1B}[31m\\u{7F}\\u{85}é"
        )
        let long = CommandLineExit.oneLine(String(repeating: "x", count: 5000))
        #expect(long.count == CommandLineExit.maximumLength && long.hasSuffix("..."))
    }

    @Test func singleArgumentSortsOutOptionsAndTheEndMarker() throws {
        #expect(try singleArgument(["--", "-0.1"], name: "value") == "-0.1")
        #expect(try singleArgument(["-inf"], name: "value") == "-inf")
        #expect(try singleArgument(["--", "--formt"], name: "value") == "--formt")
        #expect(try singleArgument(["--1"], name: "value") == "--1")
        #expect(throws: ValidationError.self) { try singleArgument(["--formt", "half", "0.1"], name: "value") }
        #expect(throws: ValidationError.self) { try singleArgument([], name: "value") }
        #expect(throws: ValidationError.self) { try singleArgument(["1", "2"], name: "value") }
        do {
            _ = try singleArgument(["0.1", "--formt=half"], name: "value")
        } catch let error as ValidationError {
            #expect(error.message == "unknown option '--formt'")
        }
    }
}
