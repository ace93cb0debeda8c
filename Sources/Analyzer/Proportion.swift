//===--- Proportion.swift -------------------------------------------------===//
//
// A count out of a total, kept as both integers.
//
//===----------------------------------------------------------------------===//

/// `part` of `whole` elements (overflowed values of a tensor, lost updates among the nonzero
/// ones): the counts stay exact, the fraction is derived.
public struct Proportion: Sendable, Equatable {
    public let part: UInt64
    public let whole: UInt64

    public init(_ part: UInt64, of whole: UInt64) {
        self.part = part
        self.whole = whole
    }

    /// part / whole, 0 when `whole` is 0.
    public var fraction: Double { whole == 0 ? 0 : Double(part) / Double(whole) }
}
