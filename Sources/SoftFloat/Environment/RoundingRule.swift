/// The five rounding-direction attributes of IEEE 754-2019 (clause 4.3).
public enum RoundingRule: String, CaseIterable, Sendable {
    /// roundTiesToEven: the nearest value; a tie goes to the one with an even last digit.
    case toNearestOrEven = "nearestEven"
    /// roundTiesToAway: the nearest value; a tie goes to the one of larger magnitude.
    case toNearestOrAway = "nearestAway"
    /// roundTowardZero: truncation.
    case towardZero
    /// roundTowardPositive.
    case up
    /// roundTowardNegative.
    case down

    /// The command-line name (`nearestEven`, `nearestAway`, `towardZero`, `up`, `down`).
    public var name: String { rawValue }

    /// Accepted spellings per rule (case-insensitive), the command-line name first.
    public var aliases: [String] {
        switch self {
        case .toNearestOrEven: ["nearestEven", "rne", "toNearestOrEven", "tiesToEven"]
        case .toNearestOrAway: ["nearestAway", "rna", "toNearestOrAway", "tiesToAway"]
        case .towardZero: ["towardZero", "rtz"]
        case .up: ["up", "rup", "towardPositive"]
        case .down: ["down", "rdn", "towardNegative"]
        }
    }

    /// Parses a name or alias, ignoring case; nil if unknown.
    public init?(name: String) {
        let key = name.lowercased()
        guard let rule = Self.allCases.first(where: { $0.aliases.contains { $0.lowercased() == key } })
        else { return nil }
        self = rule
    }
}
