// swift-tools-version: 6.1
import PackageDescription

// Dependency arrows (DESIGN.md): mpstudy -> Reporter -> {Analyzer, FloatTeaching},
// Analyzer -> NeuralNet -> Precision -> SoftFloat, FloatTeaching -> Reference -> SoftFloat, CMPFR.
// SoftFloat depends on nothing; anything may use _MPStudySupport, which depends on nothing either.
// scripts/check-layers.sh checks the imports against these arrows.
let package = Package(
    name: "mpstudy",
    products: [
        .library(name: "SoftFloat", targets: ["SoftFloat"]),
        .library(name: "Reference", targets: ["Reference"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "Precision", targets: ["Precision"]),
        .library(name: "TensorFiles", targets: ["TensorFiles"]),
        .executable(name: "mpstudy", targets: ["mpstudy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        // System libraries (Debian: libmpfr-dev libgmp-dev libopenblas-dev libdnnl-dev zlib1g-dev).
        .systemLibrary(name: "CMPFR", pkgConfig: "mpfr", providers: [.apt(["libmpfr-dev", "libgmp-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CDNNL", providers: [.apt(["libdnnl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Internal helpers any target may use: deterministic parallel chunks, the seeded
        // generator, decimal text. No dependencies.
        .target(name: "_MPStudySupport"),
        // Pure Swift IEEE 754 emulation; no dependencies. It does need libm: the standard
        // library's Double.squareRoot() and rounded(.up), used for estimates, compile to calls of
        // sqrt and ceil, and an executable linking SoftFloat alone fails without -lm.
        .target(name: "SoftFloat", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // MPFR-backed oracle, and the differential checker and benchmarks built on it.
        .target(name: "Reference", dependencies: ["SoftFloat", "CMPFR", "_MPStudySupport"]),
        // The teaching models of explain, decode, calc and formats (plain values for the views)
        // and calc's exact MPFR reference.
        // (CMPFR for the rounding modes and flags of its interval arithmetic; _MPStudySupport for
        // decimal text.)
        .target(name: "FloatTeaching", dependencies: ["SoftFloat", "Reference", "CMPFR", "_MPStudySupport"]),
        // Throughput measurements behind `mpstudy bench` (no timing lives in unit tests).
        .target(name: "Bench", dependencies: ["SoftFloat", "Reference", "Precision", "NeuralNet", "_MPStudySupport"]),
        // Hot bulk-rounding loops in C, compiled for F16C/AVX2 and chosen at run time.
        .target(name: "CKernels"),
        // Precision policies, bulk rounding kernels with counters, loss scaling.
        .target(name: "Precision", dependencies: ["SoftFloat", "CKernels", "_MPStudySupport"]),
        // Training engine: tensors, GEMM (OpenBLAS or oneDNN sgemm), layers, loss, optimizer,
        // IDX data, probes.
        .target(
            name: "NeuralNet", dependencies: ["Precision", "CKernels", "CBLAS", "CDNNL", "CZlib", "_MPStudySupport"]),
        // Probes attached to layers: per-layer, per-tensor statistics over training.
        .target(name: "Analyzer", dependencies: ["NeuralNet", "Precision", "SoftFloat", "_MPStudySupport"]),
        // Readers of tensor files (.npy, .npz, .safetensors): memory-mapped, every header field
        // checked. SoftFloat only to decode FP8 bit patterns, CZlib for deflated npz members.
        .target(name: "TensorFiles", dependencies: ["SoftFloat", "CZlib"]),
        // Statistics of studies: t intervals, the signed-rank test. No dependencies.
        .target(name: "Statistics"),
        // Markdown, CSV, JSON and SVG writers; text views of formats and values; studies.
        .target(
            name: "Reporter",
            dependencies: [
                "Analyzer", "FloatTeaching", "NeuralNet", "Precision", "SoftFloat", "Statistics", "TensorFiles",
                "_MPStudySupport",
            ]),

        .executableTarget(
            name: "mpstudy",
            dependencies: [
                "SoftFloat", "Reference", "FloatTeaching", "NeuralNet", "Bench", "Precision", "Analyzer", "Reporter",
                "Statistics", "TensorFiles", "_MPStudySupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], plugins: ["GitRevision"]),
        // The fuzz run of the number parsers and the teaching commands, in process (scripts/fuzz.sh
        // drives it; not part of any product).
        .executableTarget(
            name: "mpstudy-fuzz",
            dependencies: ["FloatTeaching", "Reporter", "Reference", "SoftFloat", "TensorFiles", "_MPStudySupport"]),
        // Generates the git revision `mpstudy --version` prints (rerun when HEAD or a source moves).
        .plugin(name: "GitRevision", capability: .buildTool()),

        // Test-only helpers shared by the test targets (not in any product): scratch folders removed
        // after each test, synthetic MNIST-like data sets, and IDX, gzip and SHA-256 writers of
        // its own, so test inputs are not produced by the code under test.
        .target(name: "_TestSupport", dependencies: ["_MPStudySupport"], path: "Tests/_TestSupport"),
        .testTarget(name: "_TestSupportTests", dependencies: ["_TestSupport"]),

        // Each test target lists every module its files import.
        .testTarget(name: "_MPStudySupportTests", dependencies: ["_MPStudySupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics"]),
        .testTarget(name: "SoftFloatTests", dependencies: ["SoftFloat", "Reference", "_MPStudySupport"]),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference", "SoftFloat", "CMPFR", "_MPStudySupport"]),
        .testTarget(name: "FloatTeachingTests", dependencies: ["FloatTeaching", "SoftFloat", "Reference"]),
        .testTarget(
            name: "NeuralNetTests",
            dependencies: ["NeuralNet", "Precision", "SoftFloat", "_MPStudySupport", "_TestSupport"]),
        // Hand-built malformed files and real NumPy/safetensors fixtures (Tests/TensorFilesTests/Fixtures).
        .testTarget(
            name: "TensorFilesTests", dependencies: ["TensorFiles", "SoftFloat", "_TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "PrecisionTests", dependencies: ["Precision", "SoftFloat", "Reference", "_MPStudySupport"]),
        .testTarget(name: "AnalyzerTests", dependencies: ["Analyzer", "NeuralNet", "Precision"]),
        // The benchmarks' operand sets, cell list and comparison (no timing in tests).
        .testTarget(name: "BenchTests", dependencies: ["Bench", "SoftFloat"]),
        // The command line's own logic (choices, lists, exit statuses) through @testable import.
        .testTarget(
            name: "MPStudyTests",
            dependencies: [
                "mpstudy", "SoftFloat", "Reference", "Precision", "NeuralNet", "Analyzer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(
            name: "ReporterTests",
            dependencies: [
                "Reporter", "Analyzer", "FloatTeaching", "NeuralNet", "Precision", "SoftFloat", "_TestSupport",
                "_MPStudySupport",
            ]),
        // Runs the built `mpstudy` binary (depending on the executable target makes `swift test`
        // build it first): exit codes, one-line errors, help, an analyze-report round trip
        // (NeuralNet only for zlib compression of a hostile fixture).
        .testTarget(name: "MPStudyEndToEndTests", dependencies: ["mpstudy", "_TestSupport", "NeuralNet"]),
    ]
)
