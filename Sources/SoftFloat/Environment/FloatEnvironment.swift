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

    /// The x86 SSE defaults: ties to even, tininess after rounding, first NaN propagated.
    @inlinable
    public init(rounding: RoundingRule = .toNearestOrEven, tininess: Tininess = .afterRounding,
                nanRule: NaNRule = .propagateFirst, flags: ExceptionFlags = []) {
        self.rounding = rounding
        self.tininess = tininess
        self.nanRule = nanRule
        self.flags = flags
    }
}
