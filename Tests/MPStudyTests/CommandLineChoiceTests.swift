import Analyzer
import NeuralNet
import Precision
import Reference
import SoftFloat
import Testing
@testable import mpstudy

/// Names on the command line (DESIGN.md, Command line): case-insensitive, the listed aliases
/// accepted, unknown names refused with the valid list. Expected names and lists are typed
/// here from DESIGN.md, not read off the code.
@Suite struct CommandLineChoiceTests {
    @Test func formatsAndTheirAliases() throws {
        let expected: [(String, FormatKind)] = [
            ("half", .binary16), ("BINARY16", .binary16), ("fp16", .binary16), ("Float16", .binary16),
            ("single", .binary32), ("binary32", .binary32), ("FP32", .binary32), ("float32", .binary32),
            ("double", .binary64), ("binary64", .binary64), ("fp64", .binary64), ("float64", .binary64),
            ("bfloat16", .bfloat16), ("BF16", .bfloat16), ("e4m3", .e4m3), ("fp8-e4m3", .e4m3),
            ("E5M2", .e5m2), ("fp8-e5m2", .e5m2), (" half ", .binary16), ("e2m3", .e2m3), ("FP6-E2M3", .e2m3),
            ("e3m2", .e3m2), ("fp6-e3m2", .e3m2), ("e2m1", .e2m1), ("fp4", .e2m1), ("FP4-E2M1", .e2m1),
            ("e8m0", .e8m0), ("scale-e8m0", .e8m0),
        ]
        for (name, kind) in expected { #expect(try FormatKind.parse(name) == kind, "\(name)") }
        #expect(
            FormatKind.names == [
                "half", "single", "double", "bfloat16", "e4m3", "e5m2", "e2m3", "e3m2", "e2m1", "e8m0",
            ])
    }

    @Test func unknownFormatListsTheValidOnes() {
        #expect(throws: CommandLineChoiceError.self) { try FormatKind.parse("quarter") }
        let error = CommandLineChoiceError(kind: FormatKind.choiceKind, valid: FormatKind.validList)
        #expect(
            error.description
                == "unknown format; valid: half (binary16, fp16, float16), single (binary32, fp32, float32), "
                + "double (binary64, fp64, float64), bfloat16 (bf16), e4m3 (fp8-e4m3), e5m2 (fp8-e5m2), "
                + "e2m3 (fp6-e2m3), e3m2 (fp6-e3m2), e2m1 (fp4, fp4-e2m1), e8m0 (scale-e8m0)")
    }

    @Test func roundingsAndTininess() throws {
        let roundings: [(String, RoundingRule)] = [
            ("nearestEven", .toNearestOrEven), ("RNE", .toNearestOrEven), ("nearestaway", .toNearestOrAway),
            ("rna", .toNearestOrAway), ("towardZero", .towardZero), ("rtz", .towardZero), ("up", .up),
            ("rup", .up), ("towardPositive", .up), ("down", .down), ("rdn", .down), ("towardnegative", .down),
        ]
        for (name, rule) in roundings { #expect(try RoundingRule.parse(name) == rule, "\(name)") }
        #expect(RoundingRule.names == ["nearestEven", "nearestAway", "towardZero", "up", "down"])
        #expect(try Tininess.parse("AFTER") == .afterRounding && Tininess.parse("beforeRounding") == .beforeRounding)
        #expect(Tininess.matching("during") == nil && RoundingRule.matching("sideways") == nil)
    }

    @Test func policiesOperationsTensorsLayers() throws {
        #expect(
            PrecisionPolicy.names == [
                "float32", "mixed_float16", "mixed_bfloat16", "float16", "fp8_delayed", "fp8_current", "mxfp8", "mxfp6",
                "mxfp4", "nvfp4",
            ])
        #expect(try PrecisionPolicy.parse("Mixed_Float16") == .mixedFloat16)
        #expect(PrecisionPolicy.matching("fp16") == nil)
        #expect(
            CheckedOperation.names.count == 23 && CheckedOperation.names.first == "add"
                && CheckedOperation.names.last == "maximumMagnitudeNumber")
        #expect(try CheckedOperation.parse("ROUNDTOINTEGRAL") == .roundToIntegral)
        #expect(
            try TensorGroup.parse("kernel_gradients") == .kernelGradients && TensorGroup.parse("update") == .updates)
        #expect(TensorGroup.names == ["activations", "gradients", "kernel-gradients", "kernels", "updates"])
        #expect(ModelLayer.names == ["dense_1", "dense_2", "dense_logits", "predictions"])
        #expect(try ModelLayer.parse("DENSE_2").name == "dense_2")
        #expect(try RMSprop.EpsilonPlacement.parse("Outside") == .outsideSquareRoot)
    }
}

/// Comma-separated lists: order kept, repeats dropped, `all`, and empty lists refused.
@Suite struct SelectionTests {
    @Test func listsKeepOrderAndDropRepeats() throws {
        #expect(try Selection<FormatKind>.parse("half,single").values == [.binary16, .binary32])
        #expect(try Selection<FormatKind>.parse("single, fp16 ,binary32").values == [.binary32, .binary16])
        #expect(try Selection<FormatKind>.parse("ALL").values == FormatKind.allCases)
        #expect(
            try Selection<FormatKind>.parse("e5m2,all").values == [
                .e5m2, .binary16, .binary32, .binary64, .bfloat16, .e4m3, .e2m3, .e3m2, .e2m1, .e8m0,
            ])
        #expect(try Selection<PrecisionPolicy>.parse("float32,").values == [.float32])
    }

    @Test func emptyAndUnknownListsAreRefused() {
        for empty in ["", ",", " , ", ",,"] {
            #expect(
                throws: CommandLineChoiceError(
                    kind: "format", valid: Selection<FormatKind>.validList, isEmptyList: true),
                "\(empty)"
            ) { try Selection<FormatKind>.parse(empty) }
        }
        #expect(
            throws: CommandLineChoiceError(kind: "format", valid: Selection<FormatKind>.validList, element: "quarter")
        ) {
            try Selection<FormatKind>.parse("half,quarter")
        }
        #expect(throws: CommandLineChoiceError(kind: "format", valid: Selection<FormatKind>.validList)) {
            try Selection<FormatKind>.parse("quarter")
        }
        let element = CommandLineChoiceError(kind: "tininess", valid: Selection<Tininess>.validList, element: "during")
        #expect(
            element.description
                == "unknown tininess 'during'; valid: after (afterRounding), before (beforeRounding), all")
        let empty = CommandLineChoiceError(
            kind: "policy", valid: Selection<PrecisionPolicy>.validList, isEmptyList: true)
        #expect(
            empty.description
                == "no policy named; valid: float32, mixed_float16, mixed_bfloat16, float16, fp8_delayed, fp8_current, mxfp8, mxfp6, mxfp4, nvfp4, all"
        )
    }

    @Test func repeatedOptionsMergeAndDescribe() throws {
        let given = [
            try Selection<ModelLayer>.parse("predictions,dense_1"), try Selection<ModelLayer>.parse("dense_1,dense_2"),
        ]
        #expect(Selection(merging: given, absent: .all).values.map(\.name) == ["predictions", "dense_1", "dense_2"])
        #expect(Selection<ModelLayer>(merging: [], absent: .all) == .all)
        #expect(Selection<FormatKind>.all.description == "all")
        #expect(Selection<RoundingRule>([.toNearestOrEven, .up]).description == "nearestEven,up")
    }
}

/// Runtime formats on the command line: built-in names first, `eXmY`, `eXmYfn`, `custom:`
/// (whose commas survive a list), and refusals that name the broken rule.
@Suite struct RuntimeFormatChoiceTests {
    @Test func namesAndLists() throws {
        #expect(try FormatChoice.parse("e4m3") == .builtIn(.e4m3))
        #expect(try FormatChoice.parse("e6m9") == .runtime(try RuntimeFormat(exponentBitCount: 6, fractionBitCount: 9)))
        let list = try Selection<FormatChoice>.parse("half, e4m3fn,custom:p=3,emax=15,emin=-14,inf=yes,nan=yes ,e2m1")
        #expect(
            list.values == [
                .builtIn(.binary16),
                .runtime(try RuntimeFormat(exponentBitCount: 4, fractionBitCount: 3, hasInfinities: false)),
                .runtime(try RuntimeFormat(exponentBitCount: 5, fractionBitCount: 2)), .builtIn(.e2m1),
            ])
        let targets = try Selection<InspectTargetName>.parse("e5m10,mxfp4,custom:p=3,emax=15,emin=-14")
        #expect(targets.values.map(\.name) == ["e5m10", "mxfp4", "custom:p=3,emax=15,emin=-14,inf=yes,nan=yes"])
        #expect(targets.values[0].target == .runtime(try RuntimeFormat(exponentBitCount: 5, fractionBitCount: 10)))
        // Not targets, whether built-in or runtime spelling.
        #expect(throws: CommandLineChoiceError.self) { try InspectTargetName.parse("double") }
    }

    @Test func refusalsNameTheRule() {
        do {
            _ = try FormatChoice.parse("e4m60")
            Issue.record("e4m60 accepted")
        } catch {
            #expect(
                error.description
                    == "invalid format: precision p = 61 (60 fraction bits) is outside the supported 2...53")
        }
        do {
            _ = try Selection<FormatChoice>.parse("half,custom:p=3,emax=15")
            Issue.record("a custom format without emin accepted")
        } catch {
            #expect(error.description.hasPrefix("invalid format 'custom:p=3,emax=15': custom: missing emin"))
        }
        #expect(
            FormatChoice.validList.hasSuffix(
                "; or eXmY (IEEE-like), eXmYfn (no infinities), custom:p=P,emax=E,emin=E[,inf=yes|no,nan=yes|no]"))
    }
}
