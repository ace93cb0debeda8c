/// What one optimizer update w <- w - d did, element by element: "lost updates" are nonzero
/// increments that rounding throws away (why float32 master weights matter).
public struct UpdateStatistics: Sendable, Equatable, Codable {
    /// Elements.
    public var count: UInt64 = 0
    /// Elements with d != 0.
    public var nonzero: UInt64 = 0
    /// d != 0 but w - d == w in float32 (lost even with float32 variables).
    public var lostInFloat32: UInt64 = 0
    /// d != 0 but round(w - d) == round(w) in the compute format (lost had the variable been
    /// kept in the compute format).
    public var lostInCompute: UInt64 = 0

    public init() {}

    public mutating func merge(_ other: UpdateStatistics) {
        count += other.count
        nonzero += other.nonzero
        lostInFloat32 += other.lostInFloat32
        lostInCompute += other.lostInCompute
    }
}
