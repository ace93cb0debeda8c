/// Carries a value into a `@Sendable` closure where the caller guarantees there is no data
/// race: the value is only read, or every worker writes a disjoint part of it, and the
/// workers are joined before the caller continues.
///
/// ``ParallelChunks`` is the one place that hands work to other threads; this wrapper exists
/// for it, so call sites never silence Sendable checking themselves.
public struct UncheckedSendable<Value>: @unchecked Sendable {
    /// The wrapped value.
    public let value: Value

    /// Wraps `value`.
    @inlinable
    public init(_ value: Value) { self.value = value }
}
