import Testing
import NeuralNet
import _MPStudySupport

/// Keras `fit` bookkeeping.
@Suite("Fit schedule")
struct FitScheduleTests {
    @Test func blogConfiguration() throws {
        let s = try FitSchedule(sampleCount: 60_000, batchSize: 8192, validationSplit: 0.2)
        #expect(s.trainingCount == 48_000 && s.validationCount == 12_000)
        #expect(s.validationRange == 48_000..<60_000)  // the LAST 20 %
        #expect(s.stepsPerEpoch == 6)  // the blog's "6/6"
        #expect((0..<6).map { s.batch($0).count } == [8192, 8192, 8192, 8192, 8192, 7040])
    }

    @Test func splitEdges() throws {
        #expect(try FitSchedule(sampleCount: 10, batchSize: 3, validationSplit: 0).trainingCount == 10)
        // Keras: split_at = floor(n · (1 − split)).
        #expect(try FitSchedule(sampleCount: 10, batchSize: 3, validationSplit: 0.25).trainingCount == 7)
        #expect(try FitSchedule(sampleCount: 3, batchSize: 1, validationSplit: 0.1).validationCount == 1)  // floor(2.7) = 2
        // A split so small that 1 − split rounds to 1 holds nothing out: refused, as Keras does.
        #expect(throws: TrainingConfigurationError.emptySplit(samples: 4, validationSplit: 1e-17)) {
            try FitSchedule(sampleCount: 4, batchSize: 1, validationSplit: 1e-17)
        }
        #expect(throws: TrainingConfigurationError.emptySplit(samples: 1, validationSplit: 0.5)) {
            try FitSchedule(sampleCount: 1, batchSize: 1, validationSplit: 0.5)
        }
    }

    @Test func shuffleIsSeededPermutationOfTrainingPart() throws {
        let s = try FitSchedule(sampleCount: 100, batchSize: 7, validationSplit: 0.2)
        var a = s.initialOrder()
        var b = s.initialOrder()
        var ga = RandomStreams(seed: 5).shuffling
        var gb = RandomStreams(seed: 5).shuffling
        s.shuffle(&a, generator: &ga)
        s.shuffle(&b, generator: &gb)
        #expect(a == b)
        #expect(a.sorted() == (0..<80).map { Int32($0) })
        #expect(a != s.initialOrder())
        s.shuffle(&a, generator: &ga)
        #expect(a != b)  // a new order every epoch
    }

    @Test func boundedIndexIsUniformAndInRange() {
        var g = SeededGenerator(seed: 9)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[RandomStreams.index(below: 6, &g)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }

    @Test func evaluationBatches() {
        #expect(FitSchedule.evaluationBatches(count: 12_000, batchSize: 8192) == [0..<8192, 8192..<12_000])
        #expect(FitSchedule.evaluationBatches(count: 0, batchSize: 5).isEmpty)
    }
}
