//===--- IndexFigures.swift -----------------------------------------------===//
//
// The figures a reports index's discussion may quote, computed from the runs.
//
//===----------------------------------------------------------------------===//

import Analyzer
import Precision
import Statistics
import _MPStudySupport

/// The numbers that DISCUSSION.md quotes as `{{name}}` (``IndexDiscussion``), recomputed
/// from the runs each time the index is written. `mpstudy.*` are the blog-configuration runs
/// with the lowest seed (``ReportIndexWriter/blogRun(_:policy:)``), `seeds.*` all of them,
/// `blog.*` ``BlogFigure/published``.
///
/// | name | value |
/// |---|---|
/// | `blog.mixed_float16.ms_per_step`, `blog.float32.ms_per_step` | the blog's ms/step (`126`) |
/// | `blog.speedup` | blog float32 ms/step ÷ mixed_float16 ms/step, 2 decimals |
/// | `blog.mixed_float16.test_accuracy`, `blog.float32.test_accuracy` | 4 decimals |
/// | `blog.difference` | mixed_float16 − float32 accuracy (`-2.3 points`) |
/// | `mpstudy.cpu`, `mpstudy.cores` | the float32 run's processor and core count (`2 cores`) |
/// | `mpstudy.shadow_every` | the mixed_float16 run's steps between float32 shadow checks |
/// | `mpstudy.mixed_float16.ms_per_step`, `mpstudy.float32.ms_per_step` | 0 decimals |
/// | `mpstudy.slowdown` | mixed_float16 ms/step ÷ float32 ms/step, 2 decimals |
/// | `mpstudy.float32_over_blog` | mpstudy's float32 ms/step ÷ the blog's, 0 decimals |
/// | `mpstudy.steps`, `mpstudy.epochs`, `mpstudy.steps_per_epoch` | the float32 run's |
/// | `mpstudy.mixed_float16.test_accuracy`, `mpstudy.float32.test_accuracy` | 4 decimals |
/// | `mpstudy.difference` | mixed_float16 − float32 accuracy (`+1.4 points`) |
/// | `seeds.float32.best_test_accuracy` | the best float32 test accuracy over the seeds |
/// | `seeds.float32.runs` | how many float32 runs finished (`3 seeds`) |
/// | `study.seeds` | the paired seeds of the first study comparing mixed_float16 with float32 (`8 paired seeds`) |
/// | `study.float32.test_accuracy`, `study.mixed_float16.test_accuracy` | their mean test accuracy |
/// | `study.difference` | the mean paired difference with its interval (`+0.40 points (95% CI -1.20 to +2.00)`) |
/// | `study.verdict` | what the interval supports, in words |
/// | `study.<recipe>.test_accuracy` | a recipe's mean test accuracy in that study with its interval (`0.8812 (95% CI 0.8601 to 0.9023)`) |
/// | `study.<recipe>.runs` | its complete runs out of its runs (`5 of 5 runs`) |
/// | `study.<recipe>.difference`, `study.<recipe>.p` | recipe − float32 at equal seeds, as `study.difference`, and the signed-rank p |
///
/// `<recipe>` is any recipe policy (`fp8_delayed`, `fp8_current`, `mxfp8`, `mxfp6`, `mxfp4`,
/// `nvfp4`) or `mixed_bfloat16`.
///
/// The `mpstudy.*` figures exist only when both policies' runs finished, the `seeds.*` ones
/// when a float32 run did; the `blog.*` ones always.
enum IndexFigures {
    /// Every name a discussion may use, in the order of the table above.
    static let names =
        [
            "blog.mixed_float16.ms_per_step", "blog.float32.ms_per_step", "blog.speedup",
            "blog.mixed_float16.test_accuracy", "blog.float32.test_accuracy", "blog.difference",
            "mpstudy.cpu", "mpstudy.cores", "mpstudy.shadow_every",
            "mpstudy.mixed_float16.ms_per_step", "mpstudy.float32.ms_per_step", "mpstudy.slowdown",
            "mpstudy.float32_over_blog", "mpstudy.steps", "mpstudy.epochs", "mpstudy.steps_per_epoch",
            "mpstudy.mixed_float16.test_accuracy", "mpstudy.float32.test_accuracy", "mpstudy.difference",
            "seeds.float32.best_test_accuracy", "seeds.float32.runs",
            "study.seeds", "study.float32.test_accuracy", "study.mixed_float16.test_accuracy", "study.difference",
            "study.verdict",
        ] + studiedPolicies.flatMap { p in ["test_accuracy", "runs", "difference", "p"].map { "study.\(p).\($0)" } }

    /// The policies of the per-policy study figures.
    static let studiedPolicies = ["mixed_bfloat16"] + Recipe.Kind.allCases.map(\.rawValue)

    /// `+0.40 points (95% CI -1.20 to +2.00)`.
    static func differenceText(_ summary: SampleSummary) -> String {
        var text = StudyResults.points(summary.mean, signed: true) + " points"
        if let interval = summary.interval {
            text +=
                " (95% CI \(StudyResults.points(interval.lowerBound, signed: true)) to "
                + "\(StudyResults.points(interval.upperBound, signed: true)))"
        }
        return text
    }

    /// The value of every figure these runs give.
    static func values(_ runs: [IndexedRun], studies: [IndexedStudy] = []) -> [String: String] {
        let blogMixed = BlogFigure.published[0]
        let blogSingle = BlogFigure.published[1]
        var values: [String: String] = [
            "blog.mixed_float16.ms_per_step": DecimalText.fixed(blogMixed.millisecondsPerStep, decimals: 0),
            "blog.float32.ms_per_step": DecimalText.fixed(blogSingle.millisecondsPerStep, decimals: 0),
            "blog.speedup": DecimalText.fixed(
                blogSingle.millisecondsPerStep / blogMixed.millisecondsPerStep, decimals: 2),
            "blog.mixed_float16.test_accuracy": ReportNumber.metric(blogMixed.testAccuracy),
            "blog.float32.test_accuracy": ReportNumber.metric(blogSingle.testAccuracy),
            "blog.difference": ReportIndexWriter.points(blogMixed.testAccuracy - blogSingle.testAccuracy),
        ]
        if let mixed = ReportIndexWriter.blogRun(runs, policy: blogMixed.policy),
            let single = ReportIndexWriter.blogRun(runs, policy: blogSingle.policy),
            let mixedAccuracy = mixed.test?.metrics.accuracy, let singleAccuracy = single.test?.metrics.accuracy
        {
            let e = single.environment
            values["mpstudy.cpu"] = e.cpu
            values["mpstudy.cores"] = "\(e.cores) core\(e.cores == 1 ? "" : "s")"
            values["mpstudy.shadow_every"] = String(mixed.settings.shadowEvery)
            values["mpstudy.mixed_float16.ms_per_step"] = DecimalText.fixed(mixed.millisecondsPerStep, decimals: 0)
            values["mpstudy.float32.ms_per_step"] = DecimalText.fixed(single.millisecondsPerStep, decimals: 0)
            values["mpstudy.slowdown"] = DecimalText.fixed(
                mixed.millisecondsPerStep / single.millisecondsPerStep, decimals: 2)
            values["mpstudy.float32_over_blog"] =
                DecimalText.fixed(single.millisecondsPerStep / blogSingle.millisecondsPerStep, decimals: 0)
            values["mpstudy.steps"] = String(single.steps.count)
            values["mpstudy.epochs"] = String(single.settings.epochs)
            values["mpstudy.steps_per_epoch"] = String(single.stepsPerEpoch)
            values["mpstudy.mixed_float16.test_accuracy"] = ReportNumber.metric(mixedAccuracy)
            values["mpstudy.float32.test_accuracy"] = ReportNumber.metric(singleAccuracy)
            values["mpstudy.difference"] = ReportIndexWriter.points(mixedAccuracy - singleAccuracy)
        }
        let singles = ReportIndexWriter.blogRuns(runs, policy: blogSingle.policy).compactMap {
            $0.test?.metrics.accuracy
        }
        if let study = studies.first(where: { $0.blogComparison != nil }), let difference = study.blogComparison,
            let single = study.configuration("float32")?.testAccuracy,
            let mixed = study.configuration("mixed_float16")?.testAccuracy
        {
            let summary = difference.comparison.summary
            values["study.seeds"] = "\(summary.count) paired seed\(summary.count == 1 ? "" : "s")"
            values["study.float32.test_accuracy"] = ReportNumber.metric(single.mean)
            values["study.mixed_float16.test_accuracy"] = ReportNumber.metric(mixed.mean)
            values["study.difference"] = differenceText(summary)
            values["study.verdict"] =
                switch difference.comparison.verdict {
                case .higher: "mixed_float16 scores higher than float32"
                case .lower: "mixed_float16 scores lower than float32"
                case .undetermined: "the data show no detectable difference between the two policies"
                }
        }
        if let study = studies.first(where: { $0.blogComparison != nil }) {
            for policy in studiedPolicies {
                guard let c = study.configuration(policy) else { continue }
                values["study.\(policy).runs"] = "\(c.complete) of \(c.runs) run\(c.runs == 1 ? "" : "s")"
                if let accuracy = c.testAccuracy {
                    var text = ReportNumber.metric(accuracy.mean)
                    if let interval = accuracy.interval {
                        text +=
                            " (95% CI \(ReportNumber.metric(interval.lowerBound)) to \(ReportNumber.metric(interval.upperBound)))"
                    }
                    values["study.\(policy).test_accuracy"] = text
                }
                if let d = study.results.differences.first(where: { $0.configuration == policy }) {
                    values["study.\(policy).difference"] = differenceText(d.comparison.summary)
                    values["study.\(policy).p"] = StudyResults.pValue(d.comparison.signedRank.pValue)
                }
            }
        }
        if let best = singles.max() {
            values["seeds.float32.best_test_accuracy"] = ReportNumber.metric(best)
            values["seeds.float32.runs"] = "\(singles.count) seed\(singles.count == 1 ? "" : "s")"
        }
        return values
    }
}
