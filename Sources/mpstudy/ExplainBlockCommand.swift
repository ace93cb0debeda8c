import ArgumentParser
import Precision
import Reporter

/// `mpstudy explain-block 0.1,0.2,3.5,-100,1e-4 --scheme mxfp4`: what a block-scaling scheme
/// does to one block of values.
struct ExplainBlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain-block",
        abstract: "Show how a block-scaled format stores a block of values: the shared scale, each element, its error.",
        discussion: """
            VALUES is a comma-separated list (1 to 32 values for MX, 1 to 16 for NVFP4, up to 4096 \
            per tensor), each rounded once to float32 as a tensor would hold it, then quantised as \
            one block by the scheme's reference: the shared scale, each value's scaled value, \
            element and code, the dequantised value, its error, and which values were flushed or \
            saturated.
            """)

    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp("Comma-separated values, e.g. 0.1,0.2,3.5,-100,1e-4.", valueName: "values"))
    var valueWords: [String] = []

    @Option(help: "The scheme.")
    var scheme: BlockSchemeName = .mxfp4

    @Option(
        parsing: .unconditional,
        help:
            "Per-tensor schemes: the scale s (element = round(x · s)). Default: the largest element / amax (current scaling)."
    )
    var scale: Float?

    @OptionGroup var output: TeachingOutputOptions

    func values() throws -> [Float] {
        let text = try singleArgument(valueWords, name: "values")
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
            String($0).trimmingCharacters(in: .whitespaces)
        }
        guard !items.contains(where: \.isEmpty) else { throw ValidationError("values '\(text)': an empty item") }
        let values = try items.map { item -> Float in
            guard let value = Float(item) else { throw ValidationError("values: '\(item)' is not a number") }
            return value
        }
        let limit = scheme.blockScaling(scale: 1).blockSize ?? 4096
        let most = scheme.isMX ? 32 : limit
        guard values.count <= most else {
            throw ValidationError("\(scheme.name) explains one block of at most \(most) values, not \(values.count)")
        }
        return values
    }

    func validate() throws {
        _ = try values()
        if let scale {
            guard scheme.isPerTensor else {
                throw ValidationError("--scale is for the per-tensor schemes (fp8-e4m3, fp8-e5m2)")
            }
            guard scale.isFinite, scale > 0 else {
                throw ValidationError("--scale must be a positive finite number, not \(scale)")
            }
        }
    }

    func run() throws {
        let values = try values()
        var s = scale ?? 1
        if scale == nil, scheme.isPerTensor {
            let amax = values.filter(\.isFinite).map(abs).max() ?? 0
            s = amax == 0 ? 1 : Float(scheme.blockScaling(scale: 1).element.maxFinite) / amax
        }
        let explanation = BlockExplanation.explaining(values, scheme: scheme.blockScaling(scale: s), name: scheme.title)
        if output.json { print(explanation.json) } else { print(explanation.text, terminator: "") }
    }
}

/// The schemes `explain-block` names.
enum BlockSchemeName: String, CaseIterable, CommandLineChoice {
    case mxfp8, mxfp8E5M2 = "mxfp8-e5m2", mxfp6, mxfp6E2M3 = "mxfp6-e2m3", mxfp4, nvfp4
    case fp8E4M3 = "fp8-e4m3", fp8E5M2 = "fp8-e5m2"

    static var choiceKind: String { "scheme" }
    static var choices: [BlockSchemeName] { allCases }
    var name: String { rawValue }

    var isMX: Bool { [.mxfp8, .mxfp8E5M2, .mxfp6, .mxfp6E2M3, .mxfp4].contains(self) }
    var isPerTensor: Bool { self == .fp8E4M3 || self == .fp8E5M2 }

    func blockScaling(scale: Float) -> BlockScaling {
        switch self {
        case .mxfp8: .mx(element: .e4m3, blockSize: 32)
        case .mxfp8E5M2: .mx(element: .e5m2, blockSize: 32)
        case .mxfp6: .mx(element: .e3m2, blockSize: 32)
        case .mxfp6E2M3: .mx(element: .e2m3, blockSize: 32)
        case .mxfp4: .mx(element: .e2m1, blockSize: 32)
        case .nvfp4: .nvfp4
        case .fp8E4M3: .tensor(element: .e4m3, scale: scale)
        case .fp8E5M2: .tensor(element: .e5m2, scale: scale)
        }
    }

    var title: String {
        switch self {
        case .mxfp8: "MXFP8 (OCP MX v1.0: E4M3 elements, E8M0 shared scale)"
        case .mxfp8E5M2: "MXFP8 (OCP MX v1.0: E5M2 elements, E8M0 shared scale)"
        case .mxfp6: "MXFP6 (OCP MX v1.0: E3M2 elements, E8M0 shared scale)"
        case .mxfp6E2M3: "MXFP6 (OCP MX v1.0: E2M3 elements, E8M0 shared scale)"
        case .mxfp4: "MXFP4 (OCP MX v1.0: E2M1 elements, E8M0 shared scale)"
        case .nvfp4: "NVFP4 (E2M1 elements, E4M3 block scale, float32 tensor scale)"
        case .fp8E4M3: "FP8 E4M3 with a per-tensor scale"
        case .fp8E5M2: "FP8 E5M2 with a per-tensor scale"
        }
    }
}
