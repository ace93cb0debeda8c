import Analyzer
import Testing
@testable import Reporter

/// Text from a run.json or the command line in summary.md, the index and the SVG charts: it
/// shows as the characters it holds and never becomes structure. Expected strings follow
/// CommonMark 0.31 by hand: code spans (6.1), backslash escapes of ASCII punctuation (2.4),
/// emphasis flanking rules (6.2: `_` between alphanumerics neither opens nor closes).
@Suite struct MarkdownTextTests {
    @Test func ordinaryTextIsUnchanged() {
        #expect(
            MarkdownText.code("mpstudy analyze --layer dense_2 --compare float32")
                == "`mpstudy analyze --layer dense_2 --compare float32`")
        #expect(MarkdownText.plain("mixed_float16") == "mixed_float16")
        #expect(
            MarkdownText.plain("Intel(R) Xeon(R) Processor; OpenBLAS 0.3.21 (OPENBLAS_CORETYPE set by mpstudy)")
                == "Intel(R) Xeon(R) Processor; OpenBLAS 0.3.21 (OPENBLAS_CORETYPE set by mpstudy)")
        #expect(
            MarkdownText.plain("dense_2 gradient: 12.5% (u = 2^-11), 3 of 4 steps...")
                == "dense_2 gradient: 12.5% (u = 2^-11), 3 of 4 steps...")
        #expect(
            MarkdownText.linkPath("mixed_float16-u4096-b8192-e5-s0/summary.md")
                == "mixed_float16-u4096-b8192-e5-s0/summary.md")
    }

    /// A newline would end the line and let `# Injected` start a heading: it becomes the two
    /// characters `\n`; backticks inside get a longer fence (one more than the longest run).
    @Test func codeSpans() {
        #expect(MarkdownText.code("--output x`\n# Injected") == "``--output x`\\n# Injected``")
        #expect(MarkdownText.code("a ``` b") == "````a ``` b````")
        #expect(MarkdownText.code("`x") == "`` `x ``", "a leading backtick needs a space inside the fence")
        #expect(MarkdownText.code(" x ") == "`  x  `", "CommonMark strips one space each side")
        #expect(MarkdownText.code("tab\there\u{1B}[31m") == "`tab\\there\\u{1B}[31m`")
    }

    @Test func plainText() {
        #expect(
            MarkdownText.plain("</text><script>alert(1)</script>") == "\\</text\\>\\<script\\>alert(1)\\</script\\>")
        #expect(
            MarkdownText.plain("_x_ *y* [l](u) ~~s~~ &amp; `c` #h \\")
                == "\\_x\\_ \\*y\\* \\[l\\](u) \\~\\~s\\~\\~ \\&amp; \\`c\\` \\#h \\\\")
        #expect(MarkdownText.plain("# heading") == "\\# heading")
        #expect(MarkdownText.plain("- item") == "\\- item" && MarkdownText.plain("+ item") == "\\+ item")
        #expect(MarkdownText.plain("12. item") == "12\\. item" && MarkdownText.plain("3) item") == "3\\) item")
        #expect(MarkdownText.plain("a - b + 1. 2)") == "a - b + 1. 2)", "markers only at the start")
        // The newline becomes `\n`, whose backslash is escaped in turn: it shows as `\n`.
        #expect(MarkdownText.plain("a\nb") == "a\\\\nb")
    }

    @Test func linkPaths() {
        #expect(MarkdownText.linkPath("a b)/summary.md") == "a%20b%29/summary.md")
        #expect(MarkdownText.linkPath("é\n") == "%C3%A9%0A")
    }

    /// A run.json with hostile names: every heading of the summary is one the writer made, no
    /// `<` outside a code span is left unescaped, and no line holds a raw control character.
    @Test func hostileRecordKeepsTheSummaryStructure() {
        var run = ReportFixture.record(
            divergence: Divergence(step: 1, reason: "</text><script>alert(1)</script>\n# Reason"))
        let layer = "dense_2\n# Layer <b>"
        run.settings.policy = "p`\n# Policy<script>"
        run.settings.data = "data`\n# Data"
        run.environment.cpu = "<img src=x onerror=alert(1)>"
        run.environment.commandLine = ["mpstudy", "analyze", "--output", "x`\n# Injected"]
        for index in run.steps[0].tensors.indices { run.steps[0].tensors[index].layer = layer }
        run.layers = [layer]
        run.settings.layers = LayerSelection(layers: [layer])
        let summary = MarkdownWriter.summary(run)
        let lines = summary.split(separator: "\n", omittingEmptySubsequences: false)
        let headings = lines.filter { $0.hasPrefix("#") }
        #expect(
            headings == [
                "# mpstudy analyze: p\\`\\\\n\\# Policy\\<script\\>", "## Run", "## Results", "## Findings",
                "## dense_2\\\\n\\# Layer \\<b\\>", "## Steps",
            ])
        for line in lines {
            #expect(
                !Self.outsideCodeSpans(String(line)).contains { $0 == "<" } || line.hasPrefix("<details>")
                    || line.hasPrefix("<summary>")
                    || line.hasPrefix("</details>"), "raw < in: \(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 }, "control character in: \(line)")
        }
    }

    /// Control characters in SVG text (XML 1.0 forbids most of them even as references) show
    /// as escapes; the document stays well-formed.
    @Test func svgTextShowsControlCharacters() {
        var svg = SVGDocument(width: 10, height: 10, title: "t\u{1}")
        svg.text("a\u{1}b\nc</text><script>", x: 1, y: 2, .sized(12), class: "label")
        let parsed = ParsedSVG(svg.text)
        #expect(parsed.error == nil)
        #expect(parsed.ofClass("label").first?.text == "a\\u{1}b\\nc</text><script>")
        #expect(parsed.texts.first == "t\\u{1}")
    }

    /// `line` without its code spans and without backslash-escaped characters.
    static func outsideCodeSpans(_ line: String) -> String {
        var out = ""
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            let c = characters[index]
            if c == "\\" {
                index += 2
                continue
            }
            if c == "`" {
                var fence = 0
                while index < characters.count && characters[index] == "`" {
                    fence += 1
                    index += 1
                }
                // Skip to the matching fence of the same length.
                var run = 0
                while index < characters.count {
                    if characters[index] == "`" {
                        run += 1
                    } else {
                        if run == fence { break }
                        run = 0
                    }
                    index += 1
                }
                continue
            }
            out.append(c)
            index += 1
        }
        return out
    }
}
