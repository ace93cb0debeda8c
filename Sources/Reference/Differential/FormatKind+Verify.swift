import SoftFloat

extension FormatKind {
    /// `DifferentialCheck` in this format, dispatched through `FormatKind.visit`; `progress` is
    /// told the cases of each finished chunk, from the thread that ran it.
    public func differentialCheck(
        _ operation: CheckedOperation, rounding: RoundingRule, tininess: Tininess,
        count: Int, seed: UInt64,
        progress: (@Sendable (_ cases: Int) -> Void)? = nil
    ) -> DifferentialReport {
        FormatChoice.builtIn(self).differentialCheck(
            operation, rounding: rounding, tininess: tininess, count: count, seed: seed, progress: progress)
    }
}

extension FormatChoice {
    /// `DifferentialCheck` in this format (a runtime one through `RuntimeFormatSlot`, bound
    /// here and in every worker); `progress` is told the cases of each finished chunk, from
    /// the thread that ran it.
    public func differentialCheck(
        _ operation: CheckedOperation, rounding: RoundingRule, tininess: Tininess,
        count: Int, seed: UInt64,
        progress: (@Sendable (_ cases: Int) -> Void)? = nil
    ) -> DifferentialReport {
        struct Visitor: FormatVisitor {
            var operation: CheckedOperation, rounding: RoundingRule, tininess: Tininess, count: Int, seed: UInt64
            var progress: (@Sendable (Int) -> Void)?
            func visit<F: BinaryFormat>(_: F.Type) -> DifferentialReport {
                DifferentialCheck<F>(operation, rounding: rounding, tininess: tininess)
                    .run(count: count, seed: seed, progress: progress)
            }
        }
        return visit(
            Visitor(
                operation: operation, rounding: rounding, tininess: tininess, count: count, seed: seed,
                progress: progress))
    }
}
