//===--- BlockScaling.swift -----------------------------------------------===//
//
// Scaling schemes of narrow tensors: per tensor, MX blocks, NVFP4, and their scalar reference.
//
//===----------------------------------------------------------------------===//

/// How a float32 tensor is stored in a narrow element format: which scales it carries and how
/// each element is computed. Every scheme's semantics are written once here, with the source
/// it follows; the kernels (``ScaledQuantizer``) reproduce ``reference(_:rows:columns:axis:)``
/// bit for bit.
///
/// - ``tensor(element:scale:)``: one float32 scale s per tensor (Transformer Engine's FP8
///   recipes: s = max_elem / amax / 2^margin). Element r = round(x · s), the product exact;
///   dequantised r · (1/s) in float32, 1/s computed once in float32 (TE's `scale_inv`).
/// - ``mx(element:blockSize:)``: OCP MX v1.0 section 6.3. Blocks of `blockSize` consecutive
///   elements along the axis; the block's shared scale X = 2^(floor(log2 amax) - emax_elem)
///   stored in E8M0, its exponent clamped to [-127, 127] (a block of zeros gets 2^-127);
///   r = round(x / X); dequantised r · X (exact). A block holding a NaN or an infinity is all
///   NaN with the scale code 0xFF (OCP, and torchao). The scale rule is OCP's floor; NVIDIA's
///   round-up ("rceil") rule is not emulated.
/// - ``nvfp4``: NVIDIA NVFP4. E2M1 elements in blocks of 16; a float32 tensor scale
///   t = amax / (448 · 6) (computed in float32, over the finite values); the block's E4M3 scale
///   S = round_E4M3(amax_block / (6 t)) (exactly, then rounded once, saturating);
///   r = round_E2M1(x / (S t)) with the quotient exact before the rounding; dequantised
///   (r · S) · t rounded once to float32. This is the exact formula; Transformer Engine's
///   float32 sequence with a reciprocal differs from it in a few per cent of blocks. A zero
///   block scale (a block of zeros, or one so far below the tensor's maximum that S rounds to
///   0) makes the whole block zero; an infinite element saturates to ±6 S t; a NaN stays NaN.
///
/// Elements round to nearest, ties to even (OCP and torchao; the Microsoft microxcaling
/// emulator rounds ties away), and saturate to ±max_elem, an infinite element too (per tensor
/// and NVFP4). A NaN element stays NaN in the dequantised tensor, also where the element
/// format has no NaN code (E2M1 in NVFP4): SoftFloat's conversion would give a zero there, as
/// ml_dtypes does, but the analysis must never hide a NaN inside a tensor a GEMM consumes.
public enum BlockScaling: Sendable, Equatable, Hashable {
    case tensor(element: ElementFormat, scale: Float)
    case mx(element: ElementFormat, blockSize: Int)
    case nvfp4

    /// The element format.
    public var element: ElementFormat {
        switch self {
        case .tensor(let element, _), .mx(let element, _): element
        case .nvfp4: .e2m1
        }
    }

    /// Elements per block; nil for per-tensor scaling.
    public var blockSize: Int? {
        switch self {
        case .tensor: nil
        case .mx(_, let size): size
        case .nvfp4: 16
        }
    }

    /// NVFP4's block size and the two constants of its tensor scale.
    public static let nvfp4BlockSize = 16
    static let nvfp4ScaleMax: Float = 448
    static let nvfp4ElementMax: Float = 6

    /// NVFP4's float32 tensor scale of a tensor whose largest finite magnitude is `amax`:
    /// amax / (448 · 6), one float32 division (the product 2688 is exact).
    public static func nvfp4TensorScale(amax: Float) -> Float { amax / (nvfp4ScaleMax * nvfp4ElementMax) }

    /// Why this scheme cannot quantise a `rows x columns` matrix along `axis`, or nil.
    public func problem(rows: Int, columns: Int, axis: BlockAxis) -> String? {
        switch self {
        case .tensor(_, let scale):
            guard scale.isFinite, scale > 0 else {
                return "the tensor scale must be a positive finite number, not \(scale)"
            }
            return nil
        case .mx(_, let size) where size < 1:
            return "the block size must be at least 1, not \(size)"
        default:
            let size = blockSize ?? 1
            let length = axis == .rows ? columns : rows
            guard length % size == 0 else {
                return
                    "blocks of \(size) do not divide the \(length) elements along the \(axis == .rows ? "rows" : "columns")"
            }
            return nil
        }
    }
}

/// Which way the blocks of a matrix run: a GEMM needs them along its reduction dimension, so
/// the backward pass quantises the same tensor along the other axis.
public enum BlockAxis: String, Sendable, CaseIterable, Codable {
    /// Blocks of consecutive elements of a row (the row-major layout).
    case rows
    /// Blocks of consecutive elements of a column.
    case columns
}
