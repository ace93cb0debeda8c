/// The floating-point environment of a computation: the attributes it rounds with and the
/// exception flags it has raised so far.
///
/// Operations take it `inout` and only ever set flags, so there is no global or thread-local
/// state: two threads with two environments never share flags.
public struct FloatEnvironment: Sendable, Equatable {
    /// The rounding-direction attribute used by every operation.
    public var rounding: RoundingRule
    /// When tininess is detected for the underflow flag.
    public var tininess: Tininess
    /// Which NaN an operation returns.
    public var nanRule: NaNRule
    /// Flags raised so far (sticky: operations only add to them).
    public var flags: ExceptionFlags
    /// OCP FP8 saturating mode, for every operation and conversion in every format: a result
    /// that overflows (IEEE 754-2019 7.4) is delivered as ±largest finite instead of the
    /// rounding direction's ±infinity (or, in E4M3, which has no infinities, NaN). Flags stay
    /// overflow|inexact. Exact infinities (infinite operands, division by zero) are not
    /// overflows and stay infinite in formats that have them; in E4M3 an infinite result
    /// becomes NaN, or ±448 when saturating (see `BinaryFloat.infiniteResult`).
    /// Default false: IEEE 754 behaviour.
    public var saturatesOverflow: Bool

    /// The x86 SSE defaults: ties to even, tininess after rounding, first NaN propagated,
    /// no saturation.
    @inlinable
    public init(
        rounding: RoundingRule = .toNearestOrEven, tininess: Tininess = .afterRounding,
        nanRule: NaNRule = .propagateFirst, flags: ExceptionFlags = [],
        saturatesOverflow: Bool = false
    ) {
        self.rounding = rounding
        self.tininess = tininess
        self.nanRule = nanRule
        self.flags = flags
        self.saturatesOverflow = saturatesOverflow
    }
}
