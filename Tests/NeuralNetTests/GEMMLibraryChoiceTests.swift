import Testing
import NeuralNet

/// ``GEMMLibraryChoice``: OpenBLAS unless `MPSTUDY_GEMM` names a library, on hand-written values.
@Suite("GEMM library choice")
struct GEMMLibraryChoiceTests {
    @Test func openBLASUnlessTheEnvironmentSaysOtherwise() {
        let choice = GEMMLibraryChoice.choose(requested: nil)
        #expect(choice?.library == .openBLAS && choice?.reason.contains("MPSTUDY_GEMM=onednn") == true)
    }

    @Test func theEnvironmentChoosesInAnyCase() {
        for (value, library): (String, GEMMLibrary) in [
            ("openblas", .openBLAS), ("OpenBLAS", .openBLAS), ("onednn", .oneDNN), ("oneDNN", .oneDNN),
        ] {
            let choice = GEMMLibraryChoice.choose(requested: value)
            #expect(choice?.library == library, "MPSTUDY_GEMM=\(value)")
            #expect(choice?.reason.contains("MPSTUDY_GEMM=\(value)") == true)
        }
    }

    @Test(arguments: ["", "mkl", "openblas ", "blis", "onednn\n"])
    func aValueNamingNoLibraryIsRefusedOnOneLine(value: String) {
        #expect(GEMMLibraryChoice.choose(requested: value) == nil)
        let problem = GEMMLibraryChoice.problem(with: value)
        #expect(!problem.contains("\n") && problem.contains("openblas or onednn"))
    }
}
