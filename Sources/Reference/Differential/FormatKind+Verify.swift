import SoftFloat

extension FormatKind {
    /// `DifferentialCheck` in this format, dispatched through `FormatKind.visit`.
    public func differentialCheck(_ operation: CheckedOperation, rounding: RoundingRule, tininess: Tininess,
                                  count: Int, seed: UInt64) -> DifferentialReport {
        struct Visitor: FormatVisitor {
            var operation: CheckedOperation, rounding: RoundingRule, tininess: Tininess, count: Int, seed: UInt64
            func visit<F: BinaryFormat>(_: F.Type) -> DifferentialReport {
                DifferentialCheck<F>(operation, rounding: rounding, tininess: tininess).run(count: count, seed: seed)
            }
        }
        return visit(Visitor(operation: operation, rounding: rounding, tininess: tininess, count: count, seed: seed))
    }
}
