import Analyzer
@testable import NeuralNet
@testable import Precision
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
            + "lost_compute_fraction,drift_squared_difference,drift_squared_reference,drift,"
            + "scheme,amax,scale,scale_amax,saturated,flushed,saturated_fraction,flushed_fraction,"
            + "flushed_in_block_fraction,blocks,clamped_scales,spread_max,counterfactual,counterfactual_scale,"
            + "counterfactual_saturated_fraction,counterfactual_flushed_fraction,counterfactual_error_mean_u,"
            + "budget_entries,budget_operands_median,budget_operands_p99,budget_accumulation_median,"
            + "budget_accumulation_p99"
        // Tensor rows leave the 22 recipe and budget columns empty.
        let recipeCells = String(repeating: ",", count: 22)
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
        #expect(
            csv == [header, activation + recipeCells, gradient + recipeCells, update + recipeCells].joined(
                separator: "\n")
                + "\n")
        #expect(
            csv.split(separator: "\n").allSatisfy {
                $0.split(separator: ",", omittingEmptySubsequences: false).count == 65
            })
    }

    /// An MXFP4 input operand and a forward error budget, each row written out by hand: 64
    /// elements in 2 blocks, 3 saturated (3/64 = 0.046875), 8 flushed (0.125), 2 of them inside
    /// an unclamped block (0.03125), 4 subnormal, 50 with an error summing to 25 u (mean 0.5 u;
    /// E2M1's u = 2^-2, so 0.125 relative; squares 50 give an RMS of 1 u, 0.25), max 1 u;
    /// spread bins 3 and 5, so spread_max 5; 12 zeros. The counterfactual (one per-tensor
    /// scale 2) flushed 16 of 64 (0.25) and saturated none, mean error 0.75 u.
    @Test func recipeRows() {
        var s = ScaledStatistics()
        s.count = 64
        s.saturated = 3
        s.flushed = 8
        s.flushedInBlock = 2
        s.subnormal = 4
        s.errorCount = 50
        s.errorSum = 25
        s.errorSquares = 50
        s.errorMax = 1
        s.blocks = 2
        s.spread[3] = 1
        s.spread[5] = 1
        s.histogram[ExponentHistogram.zeroBin] = 12
        var c = ScaledStatistics()
        c.count = 64
        c.flushed = 16
        c.errorCount = 48
        c.errorSum = 36
        let event = QuantizationEvent(
            layer: "dense_1", operand: .input, position: ProbePosition(phase: .training, step: 1, epoch: 1, batch: 0),
            scheme: .mx(element: .e2m1, blockSize: 32), shape: [2, 32], amax: 6, scaleAmax: nil, statistics: s,
            counterfactual: QuantizationCounterfactual(
                kind: .perTensor, scheme: .tensor(element: .e2m1, scale: 2), statistics: c))
        let step = ReportFixture.record().steps[0]
        let row = CSVWriter.quantizationRow("mxfp4", step, QuantizationRecord(event)).map(\.text).joined(separator: ",")
        #expect(
            row
                == "mxfp4,1,1,0,dense_1,input,e2m1,2x32,,64,,,4,0,0,12,,,0.0625,50,0.125,0.25,0.25,0.5,1.0,1.0"
                + String(repeating: ",", count: 17)
                + ",mx32,6.0,,,3,8,0.046875,0.125,0.03125,2,0,5,per_tensor,2.0,0.0,0.25,0.75,,,,,")
        var summary = ErrorBudgetSummary([GEMMErrorBudget.Sample(quantization: 1e-3, accumulation: -2e-8)], skipped: 0)
        summary.samples = 256
        let budget = ErrorBudgetRecord(
            ErrorBudgetEvent(
                layer: "dense_1", gemm: .forward,
                position: ProbePosition(phase: .training, step: 1, epoch: 1, batch: 0),
                summary: summary))
        let budgetRow = CSVWriter.errorBudgetRow("mxfp4", step, budget).map(\.text).joined(separator: ",")
        #expect(
            budgetRow
                == "mxfp4,1,1,0,dense_1,gemm_forward" + String(repeating: ",", count: 55)
                + "256,0.001,0.001,2e-08,2e-08")
        #expect(budgetRow.split(separator: ",", omittingEmptySubsequences: false).count == 65)
        #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == 65)
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
