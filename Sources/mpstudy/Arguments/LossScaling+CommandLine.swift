import Precision

extension LossScaling {
    /// `--loss-scale`: `dynamic`, `none`, or a fixed scale, by Precision's one rule
    /// (``LossScaling/init(argument:)``: a positive normal float32, so that neither infinity
    /// (`1e40`) nor a scale that itself underflows (`1e-40`) passes); refused in one line that
    /// says what is valid.
    static func parseCommandLine(_ text: String) throws(LossScaleError) -> LossScaling {
        guard let scaling = LossScaling(argument: text) else { throw LossScaleError() }
        return scaling
    }

    /// The help text's description of the valid values.
    static var commandLineValues: String {
        "dynamic, none, or a fixed scale: a positive normal float32 number, "
            + "\(Float.leastNormalMagnitude) to \(Float.greatestFiniteMagnitude)"
    }
}

/// A refused `--loss-scale` value (argument-parser names the value and the option before it).
struct LossScaleError: Error, CustomStringConvertible {
    var description: String { "valid: " + LossScaling.commandLineValues }
}
