import Testing
import NeuralNet
import Precision

/// Validation of the training settings (`train` and `analyze`).
@Suite("Training configuration")
struct TrainingConfigurationTests {
    @Test func defaultsAreTheBlogs() throws {
        let c = TrainingConfiguration()
        #expect(
            c.epochs == 5 && c.batchSize == 8192 && c.units == 4096 && c.validationSplit == 0.2
                && c.learningRate == 0.001)
        try c.validate()
    }

    @Test func refusals() {
        var c = TrainingConfiguration()
        c.units = 0
        #expect(throws: TrainingConfigurationError.notPositive(name: "units", value: "0")) { try c.validate() }
        c = TrainingConfiguration()
        c.batchSize = 0
        #expect(throws: TrainingConfigurationError.notPositive(name: "batch size", value: "0")) { try c.validate() }
        c = TrainingConfiguration()
        c.epochs = -1
        #expect(throws: TrainingConfigurationError.notPositive(name: "epochs", value: "-1")) { try c.validate() }
        c = TrainingConfiguration()
        c.epochs = 0
        #expect(throws: TrainingConfigurationError.notPositive(name: "epochs", value: "0")) { try c.validate() }
        c = TrainingConfiguration()
        c.threads = 0
        #expect(throws: TrainingConfigurationError.notPositive(name: "threads", value: "0")) { try c.validate() }
        c = TrainingConfiguration()
        c.validationSplit = 1.5
        #expect(throws: TrainingConfigurationError.validationSplitOutOfRange(1.5)) { try c.validate() }
        c = TrainingConfiguration()
        c.validationSplit = .nan
        #expect(throws: TrainingConfigurationError.self) { try c.validate() }
        c = TrainingConfiguration()
        c.learningRate = -1
        #expect(throws: TrainingConfigurationError.notFinite(name: "learning rate")) { try c.validate() }
    }

    @Test func kerasFormatting() {
        #expect(KerasFormat.metric(0.92474) == "0.9247")
        #expect(KerasFormat.metric(2.5) == "2.5000")
        #expect(KerasFormat.metric(0.00004) == "0.0000")
        #expect(
            KerasFormat.duration(3725) == "1h02m" && KerasFormat.duration(187) == "3m07s"
                && KerasFormat.duration(42) == "42s")
    }
}
