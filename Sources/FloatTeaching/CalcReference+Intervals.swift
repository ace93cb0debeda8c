import SoftFloat

/// calc's reference by MPFR interval arithmetic, when the exact arithmetic gives up.
extension CalcReference {
    /// The expression's enclosure at `precision`; nil where intervals cannot follow it (a
    /// division by an interval holding zero, a square root of one reaching below zero).
    static func enclosure(_ e: CalcExpression, precision: Int) -> Enclosure? {
        switch e {
        case let .literal(text):
            return Enclosure.parsing(text, precision: precision)
        case let .operation(operation, operandExpressions):
            var operands: [Enclosure] = []
            for operand in operandExpressions {
                guard let value = enclosure(operand, precision: precision), !value.isInvalid else { return nil }
                operands.append(value)
            }
            switch operation {
            case .negate: return Enclosure.negate(operands[0])
            case .add: return Enclosure.add(operands[0], operands[1])
            case .subtract: return Enclosure.subtract(operands[0], operands[1])
            case .multiply: return Enclosure.multiply(operands[0], operands[1])
            case .divide: return Enclosure.divide(operands[0], operands[1])
            case .squareRoot: return Enclosure.squareRoot(operands[0])
            case .fusedMultiplyAdd: return Enclosure.fusedMultiplyAdd(operands[0], operands[1], operands[2])
            }
        }
    }

    /// The precisions to try for an expression of `steps` steps: the work grows with both, so
    /// long expressions stop earlier (100,000 steps: 128 bits only).
    static func precisions(steps: Int) -> [Int] {
        Enclosure.precisions.filter { $0 == Enclosure.precisions[0] || steps * $0 <= 1 << 24 }
    }

    /// Fills the reference (unless the caller keeps its own) and the errors of `result` from
    /// interval arithmetic.
    static func intervalReference<F: BinaryFormat>(
        _ evaluation: inout CalcEvaluation, _ expression: CalcExpression,
        _ result: BinaryFloat<F>
    ) {
        var reference: ShownDecimal?
        var absolute: ShownDecimal?
        var relative: ShownDecimal?
        var ulps: ShownDecimal?
        var lastReference: Enclosure?
        var last: (error: Enclosure, ratio: Enclosure?, inUlps: Enclosure)?
        var relativeUndefined = false
        var referenceSettled = false
        let q = result.integerSignificandAndExponent?.exponent
        let (_, outOfRange) = Enclosure.withWidestRange {
            for precision in precisions(steps: evaluation.stepCount) {
                guard let exact = enclosure(expression, precision: precision), !exact.isInvalid else { continue }
                lastReference = exact
                if reference == nil, let shown = exact.shown(style: .value) {
                    reference = shown
                    referenceSettled = true
                }
                guard let q, !exact.lo.isInfinite, !exact.hi.isInfinite else { continue }
                let error = Enclosure.subtract(Enclosure.point(result, precision: precision), exact)
                let ratio = Enclosure.divide(Enclosure.magnitude(error), Enclosure.magnitude(exact))
                let inUlps = Enclosure.scaled(error, byPowerOfTwo: -q)
                absolute = absolute ?? error.shown(style: .value)
                relative = relative ?? ratio?.shown(style: .ratio)
                ulps = ulps ?? inUlps.shown(style: .ratio)
                last = (error, ratio, inUlps)
                relativeUndefined = exact.containsZero
                if reference != nil && absolute != nil && ulps != nil && (relative != nil || relativeUndefined) {
                    break
                }
            }
            if reference == nil { reference = lastReference?.bounds() }
            if let last {
                absolute = absolute ?? last.error.bounds(digits: DecimalStyle.value.roundedDigits)
                relative = relative ?? (relativeUndefined ? nil : last.ratio?.bounds())
                ulps = ulps ?? last.inUlps.bounds()
            }
        }
        guard !outOfRange, let reference else {
            evaluation.reference = nil
            evaluation.referenceMethod = .unknown
            return
        }
        evaluation.reference = reference
        evaluation.referenceMethod = referenceSettled ? .intervals : .bounds
        (evaluation.absoluteError, evaluation.relativeError, evaluation.ulpError) = (absolute, relative, ulps)
    }
}
