import Testing
import NeuralNet

/// ``GEMMLibraryChoice``'s table and the `MPSTUDY_GEMM` override, on hand-written vendors and
/// values (the table's rows are in the type's documentation).
@Suite("GEMM library choice")
struct GEMMLibraryChoiceTests {
    @Test func intelGetsOneDNNAndEveryOtherVendorOpenBLAS() {
        #expect(GEMMLibraryChoice.choose(vendor: "GenuineIntel", requested: nil)?.library == .oneDNN)
        #expect(GEMMLibraryChoice.choose(vendor: "AuthenticAMD", requested: nil)?.library == .openBLAS)
        #expect(GEMMLibraryChoice.choose(vendor: "HygonGenuine", requested: nil)?.library == .openBLAS)
        // Off Linux or without /proc/cpuinfo the vendor is unknown: OpenBLAS, said so.
        let unknown = GEMMLibraryChoice.choose(vendor: "", requested: nil)
        #expect(unknown?.library == .openBLAS && unknown?.reason.contains("unknown vendor") == true)
    }

    @Test func theEnvironmentOverridesTheTableInAnyCase() {
        for (value, library): (String, GEMMLibrary) in [
            ("openblas", .openBLAS), ("OpenBLAS", .openBLAS), ("onednn", .oneDNN), ("oneDNN", .oneDNN),
        ] {
            for vendor in ["GenuineIntel", "AuthenticAMD"] {
                let choice = GEMMLibraryChoice.choose(vendor: vendor, requested: value)
                #expect(choice?.library == library, "\(vendor) MPSTUDY_GEMM=\(value)")
                #expect(choice?.reason.contains("MPSTUDY_GEMM=\(value)") == true)
            }
        }
    }

    @Test(arguments: ["", "mkl", "openblas ", "blis", "onednn\n"])
    func aValueNamingNoLibraryIsRefusedOnOneLine(value: String) {
        #expect(GEMMLibraryChoice.choose(vendor: "GenuineIntel", requested: value) == nil)
        let problem = GEMMLibraryChoice.problem(with: value)
        #expect(!problem.contains("\n") && problem.contains("openblas or onednn"))
    }
}
