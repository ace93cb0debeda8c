import Analyzer
import Testing
@testable import Reporter

/// Charts of runs with more steps than pixels: lines reduced per pixel column, heat-map
/// columns pooled, marks thinned; runs with few steps drawn exactly as before.
@Suite struct ChartReductionTests {
    /// 100,000 points over 700 pixels: at most 4 per pixel column are kept, and in each column
    /// the first, the lowest, the highest and the last point (the line drawn is the same).
    @Test func lineReducedPerPixelColumn() {
        let width = 700.0
        let points = (0..<100_000).map { i in (x: 76 + Double(i) / 100_000 * width, y: Double((i * 7919) % 1000)) }
        let kept = LineChart.reduced(points, plotWidth: width)
        #expect(kept.count <= 4 * 700 && kept.count >= 2 * 700)
        var columns: [Double: [(x: Double, y: Double)]] = [:]
        for p in points { columns[p.x.rounded(.down), default: []].append(p) }
        var keptColumns: [Double: [(x: Double, y: Double)]] = [:]
        for p in kept { keptColumns[p.x.rounded(.down), default: []].append(p) }
        #expect(Set(columns.keys) == Set(keptColumns.keys))
        for (column, all) in columns {
            let shown = keptColumns[column] ?? []
            #expect(shown.first?.x == all.first?.x && shown.last?.x == all.last?.x)
            #expect(shown.map(\.y).min() == all.map(\.y).min() && shown.map(\.y).max() == all.map(\.y).max())
        }
        // In order along x.
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.x <= $1.x })
        // At most twice the width: kept as they are.
        let few = Array(points.prefix(1400))
        #expect(LineChart.reduced(few, plotWidth: width).map(\.x) == few.map(\.x))
    }

    /// Marks beyond a quarter of the width in pixels: one per cell (the first), not more.
    @Test func marksThinned() {
        let few = (0..<175).map { (x: Double($0), y: 10.0) }
        #expect(LineChart.thinned(few, plotWidth: 700, cell: 5).count == 175)
        let many = (0..<1000).map { (x: Double($0) / 2, y: 10.0) }
        // x from 0 to 499.5 in cells of 5 px: 100 cells, one y cell.
        let kept = LineChart.thinned(many, plotWidth: 700, cell: 5)
        #expect(kept.count == 100 && kept.first?.x == 0 && kept[1].x == 5)
    }

    /// Columns of k steps show their largest fraction; nil only where no step has a record.
    @Test func heatMapColumnsPooled() {
        #expect(HeatMapChart.pooled([0.5, nil, 0, 0.25], by: 1) == [0.5, nil, 0, 0.25])
        #expect(HeatMapChart.pooled([0.5, nil, 0, 0.25, nil, nil, 0.125], by: 2) == [0.5, 0.25, nil, 0.125])
        #expect(HeatMapChart.pooled([nil, 0, 1e-7, 0], by: 4) == [1e-7])
    }

    /// Loss, accuracy and loss-scale charts of 20,000 and 40,000 steps (every 7th skipped, the
    /// scale moving between three values, an epoch with its validation dot every 10 steps):
    /// the same size within a few percent, and small.
    @Test func curvesDoNotGrowWithTheSteps() {
        func sizes(_ steps: Int) -> [Int] {
            var run = LongRunFixture.record(steps: 1)
            let template = run.steps[0]
            run.steps = (0..<steps).map { i in
                var metrics = template.metrics!
                metrics.loss = 2.3 / Double(1 + i / 50) + Double((i * 7919) % 100) / 1000
                metrics.accuracy = Double((i * 104_729) % 1000) / 1000
                metrics.skipped = (i + 1) % 7 == 0
                metrics.lossScale = Float(1 << (15 - (i / 2000) % 3))
                return StepRecord(step: i + 1, epoch: i / 10 + 1, batch: i % 10, metrics: metrics, tensors: [])
            }
            run.epochs = (0..<(steps / 10)).map { e in
                EpochRecord(
                    epoch: e + 1, steps: 10, training: MetricsRecord(samples: 1, loss: 1, accuracy: 0.5),
                    validation: MetricsRecord(samples: 1, loss: 1 + Double(e % 10) / 10, accuracy: 0.5),
                    trainingSeconds: 1, seconds: 1)
            }
            let curves = TrainingCurves(run)
            return [curves.lossChart(), curves.accuracyChart(), curves.lossScaleChart()].map(\.utf8.count)
        }
        let short = sizes(20_000)
        let long = sizes(40_000)
        for (a, b) in zip(short, long) {
            #expect(b < 150_000 && Double(b) < 1.2 * Double(a), "\(a) -> \(b) bytes")
        }
    }
}
