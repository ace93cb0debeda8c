import Foundation
import Testing
import _TestSupport

/// `report` of a long run (issue 11: a run.json of 18,000 steps took over 60 s and 7 GB):
/// memory grows with the file by about its size, not by the hundreds of times it did.
@Suite("report of a long run")
struct LongRunReportEndToEndTests {
    /// The committed 30-step run the long one is made from.
    static let source =
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Reports/float16-u4096-b8192-e5-s0-loss-scale-dynamic/run.json"

    /// `text` (a run.json as mpstudy writes it: keys sorted, no whitespace) with its steps
    /// repeated, renumbered, to `count` steps (as scripts/make-long-run.py does). A step
    /// object starts with its first key, `{"batch":`, which nothing inside a step starts with.
    static func repeatingSteps(of text: String, to count: Int) throws -> String {
        let open = try #require(text.range(of: "\"steps\":["))
        let close = try #require(text.range(of: "],\"stepsPerEpoch\":"))
        let steps = text[open.upperBound..<close.lowerBound].components(separatedBy: "{\"batch\":").dropFirst().map {
            piece in
            // `0,"epoch":1,...,"step":1,"tensors":[...]}` with a trailing comma but for the last step.
            let body = piece.hasSuffix(",") ? String(piece.dropLast()) : piece
            let afterEpoch = body.range(of: "\"epoch\":")!.upperBound
            let epochEnd = body[afterEpoch...].firstIndex(of: ",")!
            let stepKey = body.range(of: ",\"step\":")!
            let stepEnd = body[stepKey.upperBound...].firstIndex(of: ",")!
            return (middle: String(body[epochEnd..<stepKey.lowerBound]), tail: String(body[stepEnd...]))
        }
        var out = String(text[..<open.upperBound])
        for i in 0..<count {
            let step = steps[i % steps.count]
            out +=
                (i == 0 ? "" : ",") + "{\"batch\":\(i % 6),\"epoch\":\(i / 6 + 1)" + step.middle + ",\"step\":\(i + 1)"
                + step.tail
        }
        return out + String(text[close.lowerBound...])
    }

    /// 1,200 steps (16 MB) against the committed 30 (0.4 MB): the extra memory is less than
    /// twice the extra bytes of input (before the fix, it was over thirty times: 0.8 GB for
    /// 1,800 steps), and the report has a row per step.
    @Test func memoryFollowsTheFileSize() throws {
        let text = try #require(FileTree.text(Self.source))
        let steps = 1_200
        let long = try Self.repeatingSteps(of: text, to: steps)
        try withScratchFolder(prefix: "mpstudy-e2e") { folder in
            try FileTree.makeFolder(folder.file("short"))
            try FileTree.makeFolder(folder.file("long"))
            try FileTree.write(text, to: folder.file("short/run.json"))
            try FileTree.write(long, to: folder.file("long/run.json"))
            let short = try mpstudy(["report", "short/run.json", "--output", "short-report"], in: folder)
            expectSuccess(short)
            let report = try mpstudy(["report", "long/run.json", "--output", "long-report"], in: folder, timeout: 120)
            expectSuccess(report)
            let rows = FileTree.text(folder.file("long-report/steps.csv"))?.split(separator: "\n").count
            #expect(rows == 1 + steps)
            let extraInput = long.utf8.count - text.utf8.count
            let extraMemory = report.maxResidentBytes - short.maxResidentBytes
            #expect(
                short.maxResidentBytes > 0 && extraMemory < 2 * extraInput,
                "\(short.maxResidentBytes) -> \(report.maxResidentBytes) bytes resident for \(extraInput) more bytes of run.json"
            )
        }
    }
}
