//===--- Recipe.swift -----------------------------------------------------===//
//
// The low-precision training recipes of today's GPUs, as precision policies.
//
//===----------------------------------------------------------------------===//

/// A low-precision training recipe: which narrow format each GEMM operand is stored in and how
/// it is scaled. Everything else is float32 in every recipe: master weights and the optimizer,
/// the GEMMs' accumulation and output (the next layer's GEMM quantises its own input), bias
/// add, ReLU, softmax and loss; no loss scaling unless asked.
///
/// - ``Kind/fp8Delayed``: Transformer Engine's `DelayedScaling` (TE documentation, "Using FP8
///   with Transformer Engine"): one float32 scale per layer and operand role (input, kernel,
///   output gradient), s = max_elem / amax / 2^margin from an amax history (``AmaxHistory``:
///   length 1024, rule `max`, margin 0 by default) of the previous steps, 1 until a first amax
///   exists; the history gains each training step's amax after the step. Values beyond the
///   range saturate. Format HYBRID: E4M3 for the forward operands, E5M2 for the gradient.
/// - ``Kind/fp8Current``: TE's `Float8CurrentScaling`: the same formats, s from the amax of
///   the tensor being cast.
/// - ``Kind/mxfp8``: TE's `MXFP8BlockScaling` (its default `fp8_format=E4M3`): E4M3 elements
///   for every operand (E5M2 gradients with HYBRID), blocks of 32 along each GEMM's reduction
///   dimension, so an operand used in two GEMMs is quantised along each one's reduction axis.
///   The E8M0 block scale follows OCP MX v1.0 section 6.3, 2^(floor(log2 amax) − emax), which
///   maps a block maximum in the top of its binade above E4M3's 448 (it saturates); TE instead
///   rounds amax / 448 up to a power of two, which never saturates.
/// - ``Kind/mxfp6``, ``Kind/mxfp4``: MX with E2M3 (or E3M2) or E2M1 elements for the forward
///   GEMM operands and MXFP8 (E4M3, as ``Kind/mxfp8``) for the backward ones (the common
///   research setting);
///   ``backwardUsesForwardElement`` makes the backward use the forward element format too.
/// - ``Kind/nvfp4``: NVFP4 (E2M1 in blocks of 16 with an E4M3 scale and a float32 tensor
///   scale) for the forward and backward operands, along each GEMM's reduction dimension.
///
/// Per-tensor scales do not depend on the axis, so the FP8 recipes cast each tensor once and
/// the backward GEMMs reuse the forward casts of the input and the kernel (as TE does).
public struct Recipe: Sendable, Equatable, Hashable, Codable {
    /// The recipe's name on the command line.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case fp8Delayed = "fp8_delayed"
        case fp8Current = "fp8_current"
        case mxfp8
        case mxfp6
        case mxfp4
        case nvfp4
    }

    /// TE's `Format`: HYBRID (E4M3 forward, E5M2 gradients) or E4M3 everywhere.
    public enum FP8Format: String, Sendable, CaseIterable, Codable {
        case hybrid
        case e4m3
    }

    public var kind: Kind
    /// The FP8 element formats (FP8 and MXFP8 recipes, and the backward of MXFP6/MXFP4);
    /// by default TE's: HYBRID for the per-tensor recipes, E4M3 for the MX ones
    /// (``defaultFP8Format(_:)``).
    public var fp8Format: FP8Format
    /// The amax history of ``Kind/fp8Delayed``.
    public var amaxHistoryLength: Int
    public var amaxRule: AmaxHistory.Rule
    /// s = max_elem / amax / 2^margin (``Kind/fp8Delayed`` and ``Kind/fp8Current``).
    public var margin: Int
    /// The FP6 element format of ``Kind/mxfp6`` (E2M3 by default: more precision, less range).
    public var fp6Element: ElementFormat
    /// MXFP6/MXFP4: quantise the backward GEMMs' operands with the forward element format too.
    public var backwardUsesForwardElement: Bool
    /// NVFP4: round the gradient operands (dZ of both backward GEMMs) stochastically
    /// (``StochasticNVFP4``), from generators seeded by the run's seed, step, layer and operand.
    public var stochasticGradients: Bool

    public init(
        _ kind: Kind, fp8Format: FP8Format? = nil, amaxHistoryLength: Int = 1024, amaxRule: AmaxHistory.Rule = .max,
        margin: Int = 0, fp6Element: ElementFormat = .e2m3, backwardUsesForwardElement: Bool = false,
        stochasticGradients: Bool = false
    ) {
        self.kind = kind
        self.fp8Format = fp8Format ?? Self.defaultFP8Format(kind)
        self.amaxHistoryLength = amaxHistoryLength
        self.amaxRule = amaxRule
        self.margin = margin
        self.fp6Element = fp6Element
        self.backwardUsesForwardElement = backwardUsesForwardElement
        self.stochasticGradients = stochasticGradients
    }

    private enum CodingKeys: String, CodingKey {
        case kind, fp8Format, amaxHistoryLength, amaxRule, margin, fp6Element, backwardUsesForwardElement
        case stochasticGradients
    }

    /// Records written before ``stochasticGradients`` existed read as round-to-nearest.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            try c.decode(Kind.self, forKey: .kind), fp8Format: try c.decode(FP8Format.self, forKey: .fp8Format),
            amaxHistoryLength: try c.decode(Int.self, forKey: .amaxHistoryLength),
            amaxRule: try c.decode(AmaxHistory.Rule.self, forKey: .amaxRule),
            margin: try c.decode(Int.self, forKey: .margin),
            fp6Element: try c.decode(ElementFormat.self, forKey: .fp6Element),
            backwardUsesForwardElement: try c.decode(Bool.self, forKey: .backwardUsesForwardElement),
            stochasticGradients: try c.decodeIfPresent(Bool.self, forKey: .stochasticGradients) ?? false)
    }

    /// ``stochasticGradients`` is written only when set, so round-to-nearest records keep
    /// the bytes they had before it existed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(fp8Format, forKey: .fp8Format)
        try c.encode(amaxHistoryLength, forKey: .amaxHistoryLength)
        try c.encode(amaxRule, forKey: .amaxRule)
        try c.encode(margin, forKey: .margin)
        try c.encode(fp6Element, forKey: .fp6Element)
        try c.encode(backwardUsesForwardElement, forKey: .backwardUsesForwardElement)
        if stochasticGradients { try c.encode(true, forKey: .stochasticGradients) }
    }

    /// Transformer Engine's default format of each recipe: `DelayedScaling` and
    /// `Float8CurrentScaling` take HYBRID, `MXFP8BlockScaling` E4M3 (and so the MXFP8 backward
    /// of MXFP6 and MXFP4).
    public static func defaultFP8Format(_ kind: Kind) -> FP8Format {
        kind == .fp8Delayed || kind == .fp8Current ? .hybrid : .e4m3
    }

    /// Whether `operand` is rounded stochastically.
    public func roundsStochastically(_ operand: GEMMOperand) -> Bool {
        stochasticGradients && kind == .nvfp4 && operand.isGradient
    }

    /// Whether operands carry one scale per tensor (the FP8 recipes) rather than per block.
    public var scalesPerTensor: Bool { kind == .fp8Delayed || kind == .fp8Current }

    /// The MX block size, and NVFP4's.
    public static let mxBlockSize = 32

    /// Why these options do not make sense, or nil.
    public var problem: String? {
        if amaxHistoryLength < 1 { return "the amax history length must be at least 1, not \(amaxHistoryLength)" }
        if !(-64...64).contains(margin) { return "the FP8 margin must be between -64 and 64, not \(margin)" }
        if stochasticGradients && kind != .nvfp4 { return "stochastic gradients are an option of nvfp4 only" }
        if fp6Element != .e2m3 && fp6Element != .e3m2 {
            return "the FP6 element format must be e2m3 or e3m2, not \(fp6Element.rawValue)"
        }
        return nil
    }

    /// The element format of `operand`.
    public func element(of operand: GEMMOperand) -> ElementFormat {
        let fp8: ElementFormat = operand.isGradient && fp8Format == .hybrid ? .e5m2 : .e4m3
        switch kind {
        case .fp8Delayed, .fp8Current, .mxfp8: return fp8
        case .mxfp6: return operand.isForward || backwardUsesForwardElement ? fp6Element : fp8
        case .mxfp4, .nvfp4: return operand.isForward || backwardUsesForwardElement || kind == .nvfp4 ? .e2m1 : fp8
        }
    }

    /// The scheme that quantises `operand` given a per-tensor `scale` (used by the FP8 recipes
    /// only; the block recipes find their scales in the blocks).
    public func scheme(of operand: GEMMOperand, tensorScale scale: Float = 1) -> BlockScaling {
        let element = element(of: operand)
        switch kind {
        case .fp8Delayed, .fp8Current: return .tensor(element: element, scale: scale)
        case .mxfp8, .mxfp6, .mxfp4: return .mx(element: element, blockSize: Self.mxBlockSize)
        case .nvfp4: return .nvfp4
        }
    }

    /// The per-tensor scale s = max_elem / amax / 2^margin of a tensor whose largest finite
    /// magnitude is `amax`, in float32 as TE computes it ((max / amax) then the power of two,
    /// exact); nil when amax is zero or not finite (the caller keeps its previous scale).
    public func tensorScale(amax: Float, element: ElementFormat) -> Float? {
        guard amax > 0, amax.isFinite else { return nil }
        let scale = Float(element.maxFinite) / amax * Float(sign: .plus, exponent: -margin, significand: 1)
        return scale.isFinite && scale > 0 ? scale : nil
    }
}
