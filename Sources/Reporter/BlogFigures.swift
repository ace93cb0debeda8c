//===--- BlogFigures.swift ------------------------------------------------===//
//
// The case study's published figures, which mpstudy's runs are set beside.
//
//===----------------------------------------------------------------------===//

/// What the blog post of the case study (DESIGN.md, "The case study") reported on its GPU
/// for the Keras MLP on MNIST, batch 8192, 5 epochs.
public struct BlogFigure: Sendable, Equatable {
    public var policy: String
    public var millisecondsPerStep: Double
    public var testAccuracy: Double

    /// The blog's two runs: mixed_float16 126 ms/step, test accuracy 0.902; float32 289
    /// ms/step, 0.9247.
    public static let published = [
        BlogFigure(policy: "mixed_float16", millisecondsPerStep: 126, testAccuracy: 0.902),
        BlogFigure(policy: "float32", millisecondsPerStep: 289, testAccuracy: 0.9247),
    ]
}
