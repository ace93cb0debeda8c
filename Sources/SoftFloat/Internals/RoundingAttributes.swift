/// The parts of a `FloatEnvironment` that rounding reads, as one value that `roundPack` takes
/// as an argument: the hot paths test once (a well-predicted branch) whether the environment
/// holds IEEE 754's defaults and then pass `ieeeDefault`, whose constants fold through the
/// inlined rounding (no rounding-increment selection, no tininess or saturation loads).
@usableFromInline @frozen
struct RoundingAttributes {
    /// The rounding-direction attribute.
    @usableFromInline var rule: RoundingRule
    /// Tininess detected before rounding (`Tininess.beforeRounding`) rather than after.
    @usableFromInline var tinyBeforeRounding: Bool
    /// Overflow delivers ±largest finite instead of ±infinity (`FloatEnvironment.saturatesOverflow`).
    @usableFromInline var saturatesOverflow: Bool

    @inlinable @inline(__always)
    init(rule: RoundingRule, tinyBeforeRounding: Bool, saturatesOverflow: Bool) {
        self.rule = rule
        self.tinyBeforeRounding = tinyBeforeRounding
        self.saturatesOverflow = saturatesOverflow
    }

    /// The attributes of `env`.
    @inlinable @inline(__always)
    init(_ env: FloatEnvironment) {
        self.init(
            rule: env.rounding, tinyBeforeRounding: env.tininess == .beforeRounding,
            saturatesOverflow: env.saturatesOverflow)
    }

    /// IEEE 754's defaults (and `FloatEnvironment()`'s): ties to even, tininess after rounding
    /// (the x86 choice), overflow to infinity.
    @inlinable @inline(__always)
    static var ieeeDefault: Self { Self(rule: .toNearestOrEven, tinyBeforeRounding: false, saturatesOverflow: false) }

    /// Whether `env`'s rounding attributes are `ieeeDefault`.
    @inlinable @inline(__always)
    static func areDefault(in env: FloatEnvironment) -> Bool {
        env.rounding == .toNearestOrEven && env.tininess == .afterRounding && !env.saturatesOverflow
    }
}
