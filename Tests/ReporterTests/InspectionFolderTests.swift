//===--- InspectionFolderTests.swift --------------------------------------===//
//
// The inspect report folder: its files, and when a folder counts as one.
//
//===----------------------------------------------------------------------===//

import Precision
import Testing
import _TestSupport
@testable import Reporter

@Suite struct InspectionFolderTests {
    /// One tensor of 4 elements fit to half: 1 overflow, 1 flush, the scale 2^-1.
    static func report() -> InspectionReport {
        var fit = TensorFit(range: FormatExtent(precision: 11, minExponent: -14, maxExponent: 15, maxFinite: 65504))
        fit.count = 4
        fit.overflow = 1
        fit.flushed = 1
        fit.histogram.bins[127] = 2  // two values in [1, 2)
        fit.histogram.bins[127 + 16] = 1  // 65520
        fit.histogram.bins[127 - 25] = 1  // 2^-25
        var scale = PowerOfTwoScale(exponent: -1)
        scale.flushed = 1
        fit.scale = scale
        return InspectionReport(
            files: ["w.npy"], targets: ["half"],
            tensors: [
                InspectedTensor(
                    file: "w.npy", name: "w", elementType: "float32", shape: [4],
                    fits: [InspectedFit(target: "half", fit: fit)])
            ])
    }

    @Test("the histogram rows carry the region of the format's range")
    func histogramRegions() {
        let lines = InspectionFiles.histograms(Self.report()).split(separator: "\n")
        // -25 < -24 (half's smallest subnormal): below_range; 0: normal; 16 > emax 15: above_range.
        #expect(
            lines == [
                "file,tensor,target,exponent,region,count", "w.npy,w,half,-25,below_range,1", "w.npy,w,half,0,normal,2",
                "w.npy,w,half,16,above_range,1",
            ])
    }

    @Test("a folder inspect wrote is replaced; with a foreign file or a foreign inspect.json it is refused")
    func recognition() throws {
        try withScratchFolder { scratch in
            let out = scratch.file("out")
            try InspectionFolder.publish(Self.report(), to: RunFolderTarget(checking: out, for: .inspection))
            #expect(FileTree.entries(out) == ["charts", "fits.csv", "histograms.csv", "inspect.json", "summary.md"])
            #expect(FileTree.entries(out + "/charts") == ["exponents-w-1.svg"])
            #expect(FileTree.text(out + "/summary.md")?.contains("](charts/exponents-w-1.svg)") == true)
            #expect(RunFolderContents.problem(in: out) == nil)
            try InspectionFolder.publish(Self.report(), to: RunFolderTarget(checking: out, for: .inspection))
            // charts/ may hold only SVG files.
            try FileTree.write("x", to: out + "/charts/x.png")
            #expect(RunFolderContents.problem(in: out)?.contains("'charts/x.png'") == true)
            FileTree.remove(out + "/charts/x.png")
            #expect(RunFolderContents.problem(in: out) == nil)
            try FileTree.write("x", to: out + "/notes.txt")
            #expect(RunFolderContents.problem(in: out)?.contains("'notes.txt'") == true)
            try FileTree.write("{\"other\": 1}", to: out + "/inspect.json")
            FileTree.remove(out + "/notes.txt")
            #expect(RunFolderContents.problem(in: out)?.contains("not an mpstudy inspect report") == true)
            #expect(throws: ReportWriteError.self) { try RunFolderTarget(checking: out, for: .inspection) }
        }
    }
}
