//===--- InspectEndToEndTests.swift ---------------------------------------===//
//
// `mpstudy inspect` through the binary: the table, the report folder, the refusals.
//
//===----------------------------------------------------------------------===//

import Testing
import _TestSupport

@Suite("inspect")
struct InspectEndToEndTests {
    /// A version 1.0 .npy of little-endian float32 `values`, shape (count,), written by hand:
    /// magic, version, header length, the header padded with spaces to 64 bytes, the data.
    static func npy(_ values: [Float], descr: String = "<f4", dataBytes: Int? = nil) -> [UInt8] {
        var header = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(values.count),), }".utf8)
        while (10 + header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        var data = values.flatMap { v in (0..<4).map { UInt8((v.bitPattern >> (8 * UInt32($0))) & 0xFF) } }
        if let dataBytes { data = Array(data.prefix(dataBytes)) }
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
            + data
    }

    /// 1; 65520 (overflows half: the tie between 65504 and 2^16 rounds to even, 2^16); 2^-25
    /// (flushed: half the smallest subnormal 2^-24, the tie rounds to 0); 2^-20 (subnormal).
    static let values: [Float] = [1, 65520, 0x1p-25, 0x1p-20]

    static func withFile<R>(_ bytes: [UInt8], _ body: (ScratchFolder) throws -> R) throws -> R {
        try withScratchFolder(prefix: "mpstudy-e2e-inspect") { folder in
            try FileTree.write(bytes, to: folder.file("w.npy"))
            return try body(folder)
        }
    }

    /// The cells of the table row of `format`.
    static func row(_ output: String, format: String) -> [String]? {
        output.split(separator: "\n").map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            .first { $0.count > 2 && $0[1] == format }
    }

    @Test("the half row: one overflow, one flush, one subnormal of four; the scale 2^-1")
    func halfRow() throws {
        try Self.withFile(Self.npy(Self.values)) { folder in
            let result = try mpstudy(["inspect", "w.npy", "--format", "half"], in: folder)
            expectSuccess(result)
            let row = try #require(Self.row(result.output, format: "half"), "\(result.output)")
            // tensor, format, elements, overflow, flushed, subnormal, mean, max, exponents, range, scale, after
            #expect(Array(row[0...5]) == ["w", "half", "4", "25% (1)", "25% (1)", "25% (1)"], "\(row)")
            // floor(log2) from -25 (2^-25) to 15 (65520); half: smallest subnormal 2^-24, top binade 15.
            #expect(row[8] == "-25…15" && row[9] == "-24…15", "\(row)")
            // amax 65520 overflows at 2^0, so 2^-1; 2^-25 -> 2^-26 still flushes.
            #expect(row[10] == "2^-1" && row[11] == "25% (1)", "\(row)")
        }
    }

    @Test("--output writes summary.md, fits.csv, histograms.csv, inspect.json, charts/, and replaces its own folder")
    func reportFolder() throws {
        try Self.withFile(Self.npy(Self.values)) { folder in
            let first = try mpstudy(["inspect", "w.npy", "--format", "e4m3,mxfp8", "--output", "out"], in: folder)
            expectSuccess(first)
            #expect(
                FileTree.entries(folder.file("out")) == [
                    "charts", "fits.csv", "histograms.csv", "inspect.json", "summary.md",
                ])
            #expect(FileTree.entries(folder.file("out/charts")) == ["exponents-w-1.svg"])
            let csv = try #require(FileTree.text(folder.file("out/fits.csv")))
            let lines = csv.split(separator: "\n")
            #expect(lines.count == 3 && lines[1].hasPrefix("w.npy,w,float32,4,e4m3,4,4,0,0,1,"), "\(csv)")
            #expect(FileTree.text(folder.file("out/summary.md"))?.contains("| w      | mxfp8") == true)
            let again = try mpstudy(["inspect", "w.npy", "--format", "half", "--output", "out"], in: folder)
            expectSuccess(again)
            #expect(FileTree.text(folder.file("out/fits.csv"))?.contains(",half,") == true)
        }
    }

    @Test("a folder with a file of the user's is refused, and left as it was")
    func foreignFolder() throws {
        try Self.withFile(Self.npy(Self.values)) { folder in
            try FileTree.makeFolder(folder.file("mine"))
            try FileTree.write("keep\n", to: folder.file("mine/notes.txt"))
            let result = try mpstudy(["inspect", "w.npy", "--output", "mine"], in: folder)
            expectRefusal(result, status: ExitStatus.failure, mentions: ["mine", "not empty"])
            #expect(FileTree.entries(folder.file("mine")) == ["notes.txt"])
        }
    }

    static let usageErrors: [BadInput] = [
        BadInput(["inspect", "w.npy", "--format", "quarter"], "unknown format", mentions: ["quarter", "mxfp8"]),
        BadInput(["inspect", "w.npy", "--format", "double"], "double is no target", mentions: ["double"]),
        BadInput(["inspect", "w.npy", "--tensor", "nope"], "unknown tensor", mentions: ["nope", "w.npy"]),
        BadInput(["inspect"], "no file", mentions: ["tensor file"]),
    ]

    @Test(arguments: usageErrors)
    func usage(_ input: BadInput) throws {
        try Self.withFile(Self.npy(Self.values)) { folder in
            expectRefusal(try mpstudy(input.arguments, in: folder), status: ExitStatus.usage, mentions: input.mentions)
        }
    }

    @Test("a missing, truncated or integer file: one line naming it, exit 1")
    func dataErrors() throws {
        try Self.withFile(Self.npy(Self.values, dataBytes: 10)) { folder in
            expectRefusal(
                try mpstudy(["inspect", "w.npy"], in: folder), status: ExitStatus.failure,
                mentions: ["w.npy", "truncated data"])
            expectRefusal(
                try mpstudy(["inspect", "none.safetensors"], in: folder), status: ExitStatus.failure,
                mentions: ["none.safetensors", "no such file"])
            try FileTree.write(Self.npy([1, 2], descr: "<i4"), to: folder.file("i.npy"))
            expectRefusal(
                try mpstudy(["inspect", "i.npy"], in: folder), status: ExitStatus.failure, mentions: ["i.npy", "'<i4'"])
        }
    }

    @Test("--help names the files read and gives examples")
    func help() throws {
        let result = try mpstudyInScratch(["inspect", "--help"])
        #expect(result.status == 0)
        for words in [".safetensors", "mpstudy inspect model.safetensors", "--tensor", "--output", "nvfp4"] {
            #expect(result.output.contains(words), "\(words)")
        }
    }
}
