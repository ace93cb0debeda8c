//===--- StepJSONEncoder.swift --------------------------------------------===//
//
// A step of run.json written straight as bytes, for run.json files of any length.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Foundation
import Precision

/// Writes one ``StepRecord`` as ``JSONWriter``'s `JSONEncoder` would, byte for byte, about ten
/// times faster: keys sorted, no whitespace, numbers in Swift's shortest round-trip form with a
/// trailing `.0` dropped (what `JSONEncoder` writes), non-finite numbers as `"nan"`, `"inf"`,
/// `"-inf"`, absent optionals left out, histograms stored sparsely as ``TensorRecord``'s
/// coding does. A test compares the bytes with `JSONEncoder`'s.
enum StepJSONEncoder {
    static func write(_ step: StepRecord, to out: inout TextSink) {
        out.write("{\"batch\":")
        out.write(String(step.batch))
        out.write(",\"epoch\":")
        out.write(String(step.epoch))
        if let m = step.metrics {
            out.write(",\"metrics\":{\"accuracy\":")
            number(m.accuracy, &out)
            out.write(",\"loss\":")
            number(m.loss, &out)
            out.write(",\"lossScale\":")
            number(m.lossScale, &out)
            out.write(",\"nonFiniteGradients\":")
            out.write(String(m.nonFiniteGradients))
            out.write(",\"samples\":")
            out.write(String(m.samples))
            out.write(",\"seconds\":")
            number(m.seconds, &out)
            out.write(",\"skipped\":")
            out.write(m.skipped ? "true" : "false")
            out.write(UInt8(ascii: "}"))
        }
        out.write(",\"step\":")
        out.write(String(step.step))
        out.write(",\"tensors\":[")
        for (i, t) in step.tensors.enumerated() {
            if i > 0 { out.write(UInt8(ascii: ",")) }
            write(t, to: &out)
        }
        out.write("]}")
    }

    static func write(_ t: TensorRecord, to out: inout TextSink) {
        out.write(UInt8(ascii: "{"))
        if let d = t.drift {
            out.write("\"drift\":{\"squaredDifference\":")
            number(d.squaredDifference, &out)
            out.write(",\"squaredReference\":")
            number(d.squaredReference, &out)
            out.write("},")
        }
        if let f = t.format {
            out.write("\"format\":")
            string(f.rawValue, &out)
            out.write(UInt8(ascii: ","))
        }
        out.write("\"layer\":")
        string(t.layer, &out)
        if let scale = t.lossScale {
            out.write(",\"lossScale\":")
            number(scale, &out)
        }
        if let r = t.rounding {
            out.write(",\"rounding\":{\"count\":")
            out.write(String(r.count))
            out.write(",\"errorCount\":")
            out.write(String(r.errorCount))
            out.write(",\"errorMax\":")
            number(r.errorMax, &out)
            out.write(",\"errorSquares\":")
            number(r.errorSquares, &out)
            out.write(",\"errorSum\":")
            number(r.errorSum, &out)
            r.histogram.bins.withUnsafeBufferPointer { bins in
                out.write(",\"histogramBins\":[")
                var first = true
                for bin in bins.indices where bins[bin] != 0 {
                    if !first { out.write(UInt8(ascii: ",")) }
                    first = false
                    out.write(String(bin))
                }
                out.write("],\"histogramCounts\":[")
                first = true
                for bin in bins.indices where bins[bin] != 0 {
                    if !first { out.write(UInt8(ascii: ",")) }
                    first = false
                    out.write(String(bins[bin]))
                }
                out.write(UInt8(ascii: "]"))
            }
            out.write(",\"infinite\":")
            out.write(String(r.infinite))
            out.write(",\"nan\":")
            out.write(String(r.nan))
            out.write(",\"overflow\":")
            out.write(String(r.overflow))
            out.write(",\"subnormal\":")
            out.write(String(r.subnormal))
            out.write(",\"underflow\":")
            out.write(String(r.underflow))
            out.write(UInt8(ascii: "}"))
        }
        out.write(",\"shape\":[")
        for (i, n) in t.shape.enumerated() {
            if i > 0 { out.write(UInt8(ascii: ",")) }
            out.write(String(n))
        }
        out.write("],\"tensor\":")
        string(t.tensor, &out)
        if let u = t.unscaled {
            out.write(",\"unscaled\":{\"overflow\":")
            out.write(String(u.overflow))
            out.write(",\"subnormal\":")
            out.write(String(u.subnormal))
            out.write(",\"underflow\":")
            out.write(String(u.underflow))
            out.write(UInt8(ascii: "}"))
        }
        if let u = t.updates {
            out.write(",\"updates\":{\"count\":")
            out.write(String(u.count))
            out.write(",\"lostInCompute\":")
            out.write(String(u.lostInCompute))
            out.write(",\"lostInFloat32\":")
            out.write(String(u.lostInFloat32))
            out.write(",\"nonzero\":")
            out.write(String(u.nonzero))
            out.write(UInt8(ascii: "}"))
        }
        out.write(UInt8(ascii: "}"))
    }

    /// `value` as `JSONEncoder` writes it with ``JSONWriter``'s strategy for non-finite values.
    static func number<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F, _ out: inout TextSink) {
        if value.isNaN {
            out.write("\"nan\"")
            return
        }
        if value.isInfinite {
            out.write(value < 0 ? "\"-inf\"" : "\"inf\"")
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.write(text)
    }

    /// `text` as a JSON string: written directly when it needs no escaping (printable ASCII
    /// without `"` and `\`), through `JSONEncoder` otherwise.
    static func string(_ text: String, _ out: inout TextSink) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out.write(UInt8(ascii: "\""))
            out.write(text)
            out.write(UInt8(ascii: "\""))
        } else if let data = try? JSONWriter.encoder().encode(text) {
            data.withUnsafeBytes { out.write($0) }
        }
    }
}
