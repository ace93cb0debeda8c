import Analyzer
import Testing
@testable import Reporter

/// summary.md pieces for ``ReportFixture``, written out by hand.
@Suite struct MarkdownWriterTests {
    @Test func paddedTable() {
        var table = MarkdownTable(headers: ["name", "n"])
        table.append(["a|b", "10"])
        #expect(
            table.text == """
                | name |  n |
                |:-----|---:|
                | a\\|b | 10 |

                """)
    }

    @Test func layerSection() {
        let expected = """
            Rounding to float16 (u = 2^-11; normal exponents -14 to 15, subnormals down to 2^-24), summed over 1 training step. \
            Percentages are of the elements seen; errors are relative, in units of u, over the finite nonzero values; \
            "w/o scaling" is the same gradient divided by its loss scale.

            | tensor     | elements | overflow | flushed | subnormal | nan/inf in | mean err (u) | rms err (u) | max err (u) | flushed w/o scaling | overflow w/o scaling |
            |:-----------|---------:|---------:|--------:|----------:|-----------:|-------------:|------------:|------------:|--------------------:|---------------------:|
            | activation |        4 |       0% |      0% |        0% |         0% |            0 |           0 |           0 |                   - |                    - |
            | gradient   |        4 |       0% |     25% |       25% |         0% |          512 |        1024 |        2048 |                 50% |                   0% |

            | update        | elements | nonzero | lost in float32 | lost in float16 |
            |:--------------|---------:|--------:|----------------:|----------------:|
            | kernel_update |        8 |       4 |             25% |             50% |

            Output against the float32 shadow pass: drift 50% mean, 50% max (relative error norm; 1 check, step 1).

            """
        #expect(MarkdownWriter.layerSection(ReportFixture.record(), layer: "dense_2") == expected)
    }

    @Test func comparisonTable() {
        let rows = [
            PolicyOutcome(
                policy: "mixed_float16", lossScaling: "dynamic", folder: ".", steps: 30, millisecondsPerStep: 126.4,
                finalLoss: 0.31234, testLoss: 0.3, testAccuracy: 0.902, divergence: nil),
            PolicyOutcome(
                policy: "float16", lossScaling: "none", folder: "float16", steps: 2, millisecondsPerStep: 99.5,
                finalLoss: nil, testLoss: nil, testAccuracy: nil, divergence: Divergence(step: 2, reason: "nan")),
        ]
        #expect(
            MarkdownWriter.comparisonTable(rows) == """
                | policy        | loss scaling | ms/step |         final loss | test accuracy | report      |
                |:--------------|:-------------|--------:|-------------------:|--------------:|:------------|
                | mixed_float16 | dynamic      |     126 |             0.3123 |        0.9020 | this folder |
                | float16       | none         |     100 | diverged at step 2 |             - | `float16/`  |

                """)
    }

    @Test func divergedSummarySaysSo() {
        let summary = MarkdownWriter.summary(
            ReportFixture.record(divergence: Divergence(step: 1, reason: "loss is nan")))
        #expect(
            summary.contains(
                "> **Diverged at step 1: loss is nan.** Training stopped there; the tables below cover the 1 recorded step and no test evaluation was run.\n"
            ))
        #expect(summary.contains("Test: not evaluated (training diverged)."))
        #expect(summary.contains("- Training diverged at step 1: loss is nan."))
    }
}
