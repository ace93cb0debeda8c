import Analyzer
import Testing
@testable import Reporter

/// The CSV files of ``ReportFixture``, written out by hand.
@Suite struct CSVWriterTests {
    @Test func stepsFile() {
        #expect(
            CSVWriter.steps(ReportFixture.record()) == """
                policy,step,epoch,batch,samples,loss,accuracy,loss_scale,skipped,nonfinite_gradients,seconds
                mixed_float16,1,1,0,2,0.75,0.5,1024.0,false,0,0.25

                """)
    }

    @Test func layersFile() {
        let header =
            "policy,step,epoch,batch,layer,tensor,format,shape,loss_scale,count,overflow,underflow,subnormal,"
            + "nan_input,inf_input,zeros,overflow_fraction,underflow_fraction,subnormal_fraction,error_count,error_mean,"
            + "error_rms,error_max,error_mean_u,error_rms_u,error_max_u,exponent_min,exponent_max,unscaled_overflow,"
            + "unscaled_underflow,unscaled_subnormal,unscaled_overflow_fraction,unscaled_underflow_fraction,"
            + "unscaled_subnormal_fraction,update_count,update_nonzero,lost_float32,lost_compute,lost_float32_fraction,"
            + "lost_compute_fraction,drift_squared_difference,drift_squared_reference,drift"
        // activation: rounding columns, then 14 empty cells (exponent range, unscaled, updates), then drift.
        let activation =
            "mixed_float16,1,1,0,dense_2,activation,float16,2x2,1.0,4,0,0,0,0,0,4,0.0,0.0,0.0,0,0.0,0.0,0.0,0.0,0.0,0.0"
            + String(repeating: ",", count: 15) + "1.0,4.0,0.5"
        // gradient: rounding and unscaled columns, then 9 empty cells (updates, drift).
        let gradient =
            "mixed_float16,1,1,0,dense_2,gradient,float16,2x2,1024.0,4,0,1,1,0,0,0,0.0,0.25,0.25,"
            + "4,0.25,0.5,1.0,512.0,1024.0,2048.0,-30,0,0,2,1,0.0,0.5,0.25" + String(repeating: ",", count: 9)
        // kernel_update: 28 empty cells (format, shape, scale, rounding, unscaled), updates, 3 empty.
        let update =
            "mixed_float16,1,1,0,dense_2,kernel_update" + String(repeating: ",", count: 29)
            + "8,4,1,2,0.25,0.5,,,"
        let csv = CSVWriter.layers(ReportFixture.record())
        #expect(csv == [header, activation, gradient, update].joined(separator: "\n") + "\n")
        #expect(
            csv.split(separator: "\n").allSatisfy {
                $0.split(separator: ",", omittingEmptySubsequences: false).count == 43
            })
    }

    /// Float16: exponent -30 < -24 is below the range, -20 is subnormal, 0 normal.
    @Test func histogramsFile() {
        #expect(
            CSVWriter.histograms(ReportFixture.record()) == """
                policy,step,layer,tensor,format,exponent,region,count
                mixed_float16,1,dense_2,activation,float16,,zero,4
                mixed_float16,1,dense_2,gradient,float16,-30,below_range,1
                mixed_float16,1,dense_2,gradient,float16,-20,subnormal,1
                mixed_float16,1,dense_2,gradient,float16,0,normal,2

                """)
    }

    @Test func fieldsQuoteAndMarkNonFinite() {
        #expect(CSVField.text("a,b").text == "\"a,b\"")
        #expect(CSVField.text("say \"hi\"").text == "\"say \"\"hi\"\"\"")
        #expect(CSVField.double(.nan).text == "nan")
        #expect(CSVField.double(-.infinity).text == "-inf")
        #expect(CSVField.double(1e-5).text == "1e-05")
        #expect(CSVField.empty.text == "")
    }
}
