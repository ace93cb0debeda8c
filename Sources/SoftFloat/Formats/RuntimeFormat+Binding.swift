/// The binding that `RuntimeFormatSlot` reads: dynamic scoping, not global mutable state.
///
/// `withBinding(format) { ... }` makes `format` the slot's format for the calls inside the
/// closure, on this thread or task (and in child tasks), and restores the outer binding on
/// return; nothing is ever assigned. A `@TaskLocal` outside any task is bound per thread, so
/// a worker thread started inside the closure (ParallelChunks, concurrentPerform) does NOT see
/// it: code that hands slot work to other threads captures ``bound`` first and rebinds it in
/// every worker (``DifferentialReport/gathered`` in Reference does). Reading the slot with no
/// binding stops the program with a message saying so.
extension RuntimeFormat {
    @TaskLocal static var current: RuntimeFormat?

    /// The runtime format bound around this call, or nil.
    public static var bound: RuntimeFormat? { current }

    /// `body` with `format` bound to `RuntimeFormatSlot` (nil: unbound, the slot unusable).
    public static func withBinding<R>(_ format: RuntimeFormat?, _ body: () throws -> R) rethrows -> R {
        try $current.withValue(format, operation: body)
    }

    /// `body(RuntimeFormatSlot.self)` with this format bound: `BinaryFloat<RuntimeFormatSlot>`
    /// is this format inside it.
    public func visit<V: FormatVisitor>(_ visitor: V) -> V.Result {
        Self.withBinding(self) { visitor.visit(RuntimeFormatSlot.self) }
    }

    /// The bound format, or a stop with a message naming the mistake.
    @usableFromInline
    static var required: RuntimeFormat {
        guard let format = current else {
            preconditionFailure(
                "RuntimeFormatSlot read with no runtime format bound: call it inside RuntimeFormat.withBinding "
                    + "(or FormatChoice.visit); worker threads do not inherit the binding and must rebind it")
        }
        return format
    }
}
