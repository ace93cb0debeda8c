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
        integer("{\"batch\":", step.batch, &out)
        integer(",\"epoch\":", step.epoch, &out)
        if let budgets = step.errorBudgets {
            // A few records on the checked steps: JSONEncoder's own bytes (same settings).
            guard let data = try? JSONWriter.encoder().encode(budgets) else {
                preconditionFailure("error budget records always encode (non-finite numbers as strings)")
            }
            out.write(",\"errorBudgets\":")
            out.write(String(decoding: data, as: UTF8.self))
        }
        if let m = step.metrics {
            number(",\"metrics\":{\"accuracy\":", m.accuracy, &out)
            number(",\"loss\":", m.loss, &out)
            number(",\"lossScale\":", m.lossScale, &out)
            integer(",\"nonFiniteGradients\":", m.nonFiniteGradients, &out)
            integer(",\"samples\":", m.samples, &out)
            number(",\"seconds\":", m.seconds, &out)
            out.write(",\"skipped\":")
            out.write(m.skipped ? "true" : "false")
            out.write(UInt8(ascii: "}"))
        }
        if let quantizations = step.quantizations {
            // A recipe's few records per step: JSONEncoder's own bytes (same settings).
            guard let data = try? JSONWriter.encoder().encode(quantizations) else {
                preconditionFailure("quantization records always encode (non-finite numbers as strings)")
            }
            out.write(",\"quantizations\":")
            out.write(String(decoding: data, as: UTF8.self))
        }
        integer(",\"step\":", step.step, &out)
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
            number("\"drift\":{\"squaredDifference\":", d.squaredDifference, &out)
            number(",\"squaredReference\":", d.squaredReference, &out)
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
            number(",\"lossScale\":", scale, &out)
        }
        if let r = t.rounding {
            integer(",\"rounding\":{\"count\":", r.count, &out)
            integer(",\"errorCount\":", r.errorCount, &out)
            number(",\"errorMax\":", r.errorMax, &out)
            number(",\"errorSquares\":", r.errorSquares, &out)
            number(",\"errorSum\":", r.errorSum, &out)
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
            integer(",\"infinite\":", r.infinite, &out)
            integer(",\"nan\":", r.nan, &out)
            integer(",\"overflow\":", r.overflow, &out)
            integer(",\"subnormal\":", r.subnormal, &out)
            integer(",\"underflow\":", r.underflow, &out)
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
            integer(",\"unscaled\":{\"overflow\":", u.overflow, &out)
            integer(",\"subnormal\":", u.subnormal, &out)
            integer(",\"underflow\":", u.underflow, &out)
            out.write(UInt8(ascii: "}"))
        }
        if let u = t.updates {
            integer(",\"updates\":{\"count\":", u.count, &out)
            integer(",\"lostInCompute\":", u.lostInCompute, &out)
            integer(",\"lostInFloat32\":", u.lostInFloat32, &out)
            integer(",\"nonzero\":", u.nonzero, &out)
            out.write(UInt8(ascii: "}"))
        }
        out.write(UInt8(ascii: "}"))
    }

    /// `key` (with its quotes, colon and any leading comma) and then the integer `value`.
    static func integer(_ key: String, _ value: some BinaryInteger, _ out: inout TextSink) {
        out.write(key)
        out.write(String(value))
    }

    /// `key` and then `value` as ``number(_:_:)`` writes it.
    static func number<F: BinaryFloatingPoint & CustomStringConvertible>(
        _ key: String, _ value: F, _ out: inout TextSink
    ) {
        out.write(key)
        number(value, &out)
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
