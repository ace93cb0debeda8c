//===--- GEMMLibrary.swift ------------------------------------------------===//
//
// Which library's single-threaded sgemm computes the panels of a matrix product: OpenBLAS,
// unless the user asks for oneDNN.
//
//===----------------------------------------------------------------------===//

import SoftFloat

/// The sgemm that computes each panel of a ``GEMM``: OpenBLAS's `cblas_sgemm` or oneDNN's
/// `dnnl_sgemm`. Both accumulate in float32 with FMA; they differ in blocking and so in the
/// order of the sums, hence in the last bits of a product (never in the thread count's effect:
/// each computes a panel on one thread, see ``GEMM``).
public enum GEMMLibrary: String, Sendable, CaseIterable, Equatable {
    case openBLAS = "openblas"
    case oneDNN = "onednn"

    /// The name of the environment variable that chooses the library (``GEMMLibraryChoice``).
    public static let environmentVariable = "MPSTUDY_GEMM"

    /// The library's name as its authors write it.
    public var displayName: String { self == .openBLAS ? "OpenBLAS" : "oneDNN" }
}

/// The ``GEMMLibrary`` that runs the products, with the reason in words (`train`'s header and
/// run records print it): OpenBLAS unless `MPSTUDY_GEMM` names another.
///
/// Why OpenBLAS by default: measured side by side on the case study's step (`mpstudy bench
/// gemm`, `train --profile` with each library, 2 threads on fixed panels), on a Xeon of family 6
/// model 207 the two run the big products at the same speed within the noise of a shared
/// machine (290-311 GFLOP/s, 80-85% of the measured AVX-512 FMA peak); on an AMD Zen 4
/// OpenBLAS's AVX2 kernels run the step's products within 2% of oneDNN (90-92% of the peak;
/// ``OpenBLASCoreChoice``); on an AMD Zen 1 the two are within 4% with neither ahead from run
/// to run (oneDNN/OpenBLAS 0.98-1.04x over seven runs, 84-89% of the AVX2 peak). The products
/// with 10 columns, a tenth of a per cent of the step's flops, differ more: oneDNN is 1.4-1.9x
/// faster on the Xeon and the Zen 4, and on the Zen 1 twice as fast on `dZ·Wᵀ` but 0.7-0.8x on
/// the other two. OpenBLAS also made the reports in `Reports/`, which a different library
/// would not reproduce bit for bit.
/// `MPSTUDY_GEMM=onednn` (or `=openblas`) chooses (``GEMMLibrary/environmentVariable``).
public struct GEMMLibraryChoice: Sendable, Equatable {
    /// The library that runs.
    public let library: GEMMLibrary
    /// Why, in words.
    public let reason: String

    /// The choice when the environment variable holds `requested` (nil when unset); nil when
    /// `requested` names no library (the caller refuses it: see ``parse(_:)``).
    public static func choose(requested: String?) -> GEMMLibraryChoice? {
        guard let requested else {
            return GEMMLibraryChoice(library: .openBLAS, reason: "the default; MPSTUDY_GEMM=onednn for oneDNN")
        }
        guard let library = parse(requested) else { return nil }
        return GEMMLibraryChoice(
            library: library, reason: "\(GEMMLibrary.environmentVariable)=\(requested) set by the user")
    }

    /// The library a value of ``GEMMLibrary/environmentVariable`` names (`openblas`, `onednn`,
    /// any case), or nil.
    public static func parse(_ text: String) -> GEMMLibrary? {
        GEMMLibrary(rawValue: text.lowercased())
    }

    /// One line saying what the variable accepts, for the error a bad value gives (the value
    /// cut to 40 characters, its control and reordering characters escaped).
    public static func problem(with text: String) -> String {
        let shown = FloatParseError.printable(String(text.prefix(40)))
        return "\(GEMMLibrary.environmentVariable)=\(shown) names no GEMM library (openblas or onednn)"
    }
}
