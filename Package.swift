// swift-tools-version: 6.1
import PackageDescription

// Dependency arrows (DESIGN.md): mpstudy -> Reporter -> Analyzer -> NeuralNet -> Precision -> SoftFloat,
// Reference -> SoftFloat, CMPFR. SoftFloat depends on nothing; anything may use _MPStudySupport,
// which depends on nothing either.
let package = Package(
    name: "mpstudy",
    products: [
        .library(name: "SoftFloat", targets: ["SoftFloat"]),
        .library(name: "Reference", targets: ["Reference"]),
        .library(name: "NeuralNet", targets: ["NeuralNet"]),
        .library(name: "Precision", targets: ["Precision"]),
        .executable(name: "mpstudy", targets: ["mpstudy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // System libraries (Debian: libmpfr-dev libgmp-dev libopenblas-dev zlib1g-dev).
        .systemLibrary(name: "CMPFR", pkgConfig: "mpfr", providers: [.apt(["libmpfr-dev", "libgmp-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Internal helpers any target may use: deterministic parallel chunks, the seeded generator.
        .target(name: "_MPStudySupport"),
        // Pure Swift IEEE 754 emulation; no dependencies. It does need libm: the standard
        // library's Double.squareRoot() and rounded(.up), used for estimates, compile to calls of
        // sqrt and ceil, and an executable linking SoftFloat alone fails without -lm.
        .target(name: "SoftFloat", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // MPFR-backed oracle, and the differential checker and benchmarks built on it.
        .target(name: "Reference", dependencies: ["SoftFloat", "CMPFR", "_MPStudySupport"]),
        // Throughput measurements behind `mpstudy bench` (no timing lives in unit tests).
        .target(name: "Bench", dependencies: ["SoftFloat", "Reference", "Precision", "_MPStudySupport"]),
        // Hot bulk-rounding loops in C, compiled for F16C/AVX2 and chosen at run time.
        .target(name: "CKernels"),
        // Precision policies, bulk rounding kernels with counters, loss scaling.
        .target(name: "Precision", dependencies: ["SoftFloat", "CKernels", "_MPStudySupport"]),
        // Training engine: tensors, CBLAS GEMM, layers, loss, optimizer, IDX data, probes.
        .target(name: "NeuralNet", dependencies: ["Precision", "CKernels", "CBLAS", "CZlib", "_MPStudySupport"]),
        // Probes attached to layers: per-layer, per-tensor statistics over training.
        .target(name: "Analyzer", dependencies: ["NeuralNet", "Precision", "SoftFloat"]),
        // Markdown, CSV, JSON and SVG writers; text views of formats and values.
        .target(name: "Reporter", dependencies: ["Analyzer", "NeuralNet", "Precision", "SoftFloat"]),

        .executableTarget(name: "mpstudy", dependencies: [
            "SoftFloat", "Reference", "NeuralNet", "Bench", "Precision", "Analyzer", "Reporter",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "_MPStudySupportTests", dependencies: ["_MPStudySupport"]),
        .testTarget(name: "SoftFloatTests", dependencies: ["SoftFloat", "Reference", "_MPStudySupport"]),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference", "SoftFloat", "_MPStudySupport"]),
        .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Precision", "SoftFloat", "_MPStudySupport"]),
        .testTarget(name: "PrecisionTests", dependencies: ["Precision", "SoftFloat", "_MPStudySupport"]),
        .testTarget(name: "AnalyzerTests", dependencies: ["Analyzer", "NeuralNet", "Precision"]),
        .testTarget(name: "ReporterTests", dependencies: ["Reporter", "Analyzer", "NeuralNet", "Precision", "SoftFloat", "Reference"]),
    ]
)
