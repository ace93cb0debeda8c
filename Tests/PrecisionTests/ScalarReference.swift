import Precision
import SoftFloat
import _MPStudySupport

/// The statistics DESIGN.md defines, computed one element at a time from SoftFloat's
/// rounding with Swift's own classification: an implementation independent of the C kernels.
func referenceStatistics(_ xs: [Float], _ format: ComputeFormat, scale: Float? = nil) -> RoundingRecord {
    var record = RoundingRecord(counterfactualScale: scale)
    let minNormal = Float(sign: .plus, exponent: format.minExponent, significand: 1)
    var s = RoundingStatistics()
    for x in xs {
        let r = Float(bitPattern: KernelVerification.reference(x.bitPattern, format))
        s.count += 1
        let bin = x == 0 ? ExponentHistogram.zeroBin : Int((x.bitPattern >> 23) & 0xFF)
        s.histogram.bins[bin] += 1
        if x.isNaN {
            s.nan += 1
            continue
        }
        if x.isInfinite {
            s.infinite += 1
            continue
        }
        if r != 0 && abs(r) < minNormal { s.subnormal += 1 }
        if let scale, x != 0 {
            let rs = Float(bitPattern: KernelVerification.reference((x * scale).bitPattern, format))
            if rs.isInfinite {
                record.counterfactual.overflow += 1
            } else if rs == 0 {
                record.counterfactual.underflow += 1
            } else if abs(rs) < minNormal {
                record.counterfactual.subnormal += 1
            }
        }
        if x == 0 { continue }
        if r.isInfinite {
            s.overflow += 1
            continue
        }
        if r == 0 { s.underflow += 1 }
        let relative = Double(abs(r - x)) / Double(abs(x))
        s.errorCount += 1
        s.errorSum += relative
        s.errorSquares += relative * relative
        s.errorMax = max(s.errorMax, relative)
    }
    record.statistics = s
    return record
}

/// Runs `rounder` on `xs` and returns the rounded values and the record.
func kernelRun(
    _ xs: [Float], _ format: ComputeFormat, _ rounder: TensorRounder,
    scale: Float? = nil
) -> ([Float], RoundingRecord) {
    var out = [Float](repeating: .nan, count: xs.count)
    var record = RoundingRecord(counterfactualScale: scale)
    xs.withUnsafeBufferPointer { x in
        out.withUnsafeMutableBufferPointer { y in
            rounder.round(x.baseAddress!, count: xs.count, to: format, into: y.baseAddress!, recording: &record)
        }
    }
    return (out, record)
}

/// Float32 values around every boundary of binary16 and bfloat16, with random ones.
func adversarialInputs(count: Int, seed: UInt64) -> [Float] {
    var rng = SeededGenerator(seed: seed)
    let anchors: [Float] = [
        0, 1, 65504, 65519.996, 65520, 65536, 0x1p-14, 0x1p-24, 0x1p-25, 0x1.8p-25,
        0x1p-126, 0x1p-149, .greatestFiniteMagnitude, .infinity, 3.3895314e38, 1e-40,
    ]
    var xs: [Float] = []
    for a in anchors {
        for delta in -3...3 {
            let bits = UInt32(truncatingIfNeeded: Int64(a.bitPattern) + Int64(delta))
            xs.append(Float(bitPattern: bits))
            xs.append(-Float(bitPattern: bits))
        }
    }
    xs += [Float(bitPattern: 0x7FC0_0001), Float(bitPattern: 0xFF80_1234), Float(bitPattern: 0x7F80_0001), .nan]
    while xs.count < count {
        switch rng.next() % 4 {
        case 0: xs.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())))
        case 1:  // exponents across binary16's range and its edges
            let e = Int(rng.next() % 50) - 30
            xs.append(
                Float(
                    sign: rng.next() & 1 == 0 ? .plus : .minus, exponent: e,
                    significand: 1 + Float(rng.next() % (1 << 23)) / Float(1 << 23)))
        case 2:  // exact ties of binary16: 12 significant bits
            let e = Int(rng.next() % 40) - 26
            xs.append(Float(sign: .plus, exponent: e, significand: 1 + Float(rng.next() % 4096 | 1) / 4096))
        default:  // exact ties of bfloat16: 9 significant bits
            let e = Int(rng.next() % 250) - 125
            xs.append(Float(sign: .minus, exponent: e, significand: 1 + Float(rng.next() % 512 | 1) / 512))
        }
    }
    return xs
}
