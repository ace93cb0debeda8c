//===--- InspectTargetName.swift ------------------------------------------===//
//
// The formats and schemes `mpstudy inspect --format` names.
//
//===----------------------------------------------------------------------===//

import Precision
import SoftFloat

/// A target of `inspect --format`: an element format under the names every command accepts
/// (``FormatKind``: `half`, `bfloat16`, `single`, `e4m3`, ...) or a block scheme under
/// `explain-block`'s names (``BlockSchemeName``: `mxfp8`, `mxfp4`, `nvfp4`, ...). `double`
/// and `e8m0` are not targets (every float32 value is a double; E8M0 holds only scales), nor
/// are the per-tensor schemes `fp8-e4m3` and `fp8-e5m2` (which name the formats `e4m3` and
/// `e5m2` here, whose fit includes the best per-tensor scale). Runtime formats (`e5m10`,
/// `e4m3fn`, `custom:...`; ``FormatChoice``) are targets too, built-in names winning.
enum InspectTargetName: CommandLineChoice, Hashable {
    case format(FormatKind)
    case scheme(BlockSchemeName)
    case runtime(RuntimeFormat)

    static var choiceKind: String { "format or scheme" }

    static var choices: [InspectTargetName] {
        [FormatKind.binary16, .bfloat16, .binary32, .e4m3, .e5m2, .e2m3, .e3m2, .e2m1].map(Self.format)
            + BlockSchemeName.allCases.filter { !$0.isPerTensor }.map(Self.scheme)
    }

    var name: String {
        switch self {
        case .format(let kind): kind.name
        case .scheme(let scheme): scheme.name
        case .runtime(let format): format.name
        }
    }

    var aliases: [String] {
        switch self {
        case .format(let kind): kind.aliases
        case .scheme(let scheme): [scheme.name]
        case .runtime(let format): [format.name]
        }
    }

    static var otherSpellings: String? { RuntimeFormat.spellings }

    /// A listed name or alias, else a runtime format (a built-in format that is not a target,
    /// `double` or `e8m0`, stays refused).
    static func matching(_ text: String) -> InspectTargetName? {
        let key = trimmedSpaces(text).lowercased()
        if let listed = choices.first(where: { $0.aliases.contains { $0.lowercased() == key } }) { return listed }
        if let named = try? FormatChoice.named(key), case .runtime(let format) = named { return .runtime(format) }
        return nil
    }

    static func refusal(of text: String) -> String? { FormatChoice.refusal(of: text) }

    /// The targets inspected without `--format`.
    static let defaults: [InspectTargetName] = [
        .format(.binary16), .format(.bfloat16), .format(.e4m3), .format(.e5m2), .scheme(.mxfp8), .scheme(.mxfp4),
        .scheme(.nvfp4),
    ]

    /// What the kernels round to.
    var target: InspectionTarget {
        switch self {
        case .format(.binary16): .compute(.float16)
        case .format(.bfloat16): .compute(.bfloat16)
        case .format(.e4m3): .element(.e4m3)
        case .format(.e5m2): .element(.e5m2)
        case .format(.e2m3): .element(.e2m3)
        case .format(.e3m2): .element(.e3m2)
        case .format(.e2m1): .element(.e2m1)
        case .format: .compute(.float32)
        case .scheme(let scheme): .scheme(scheme.blockScaling(scale: 1))
        case .runtime(let format): .runtime(format)
        }
    }
}
