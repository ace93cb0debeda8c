// swift-tools-version: 6.1
import PackageDescription

// The Swift side of scripts/bench-vs-berkeley.sh: a tiny harness over the repository's SoftFloat
// product, kept out of the main package so its graph stays as it is. The files under Shared/ are
// symlinks into Sources/Bench/Shared/, so `mpstudy bench softfloat` times the same loops.
// The script builds a copy whose path dependency names the checkout under test.
let package = Package(
    name: "bench-vs-berkeley",
    dependencies: [.package(name: "mpstudy", path: "../..")],
    targets: [
        .executableTarget(
            name: "SoftFloatHarness",
            dependencies: [.product(name: "SoftFloat", package: "mpstudy")])
    ]
)
