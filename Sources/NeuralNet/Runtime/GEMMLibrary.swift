//===--- GEMMLibrary.swift ------------------------------------------------===//
//
// Which library's single-threaded sgemm computes the panels of a matrix product, chosen from
// the CPU's vendor by a table, or by the user.
//
//===----------------------------------------------------------------------===//

/// The sgemm that computes each panel of a ``GEMM``: OpenBLAS's `cblas_sgemm` or oneDNN's
/// `dnnl_sgemm`. Both accumulate in float32 with FMA; they differ in blocking and so in the
/// order of the sums, hence in the last bits of a product (never in the thread count's effect:
/// each computes a panel on one thread, see ``GEMM``).
public enum GEMMLibrary: String, Sendable, CaseIterable, Equatable {
    case openBLAS = "openblas"
    case oneDNN = "onednn"

    /// The name of the environment variable that overrides ``GEMMLibraryChoice``'s table.
    public static let environmentVariable = "MPSTUDY_GEMM"

    /// The library's name as its authors write it.
    public var displayName: String { self == .openBLAS ? "OpenBLAS" : "oneDNN" }
}

/// The ``GEMMLibrary`` to run on a CPU, with the reason in words (`train --profile` and run
/// records print it).
///
/// The table, by CPU vendor (measured on the 8192 x 4096 x 4096 products of the case study, 2
/// threads on fixed panels, beside each CPU's AVX-512 FMA peak):
///
/// | vendor | library | why |
/// |---|---|---|
/// | Intel (`GenuineIntel`) | oneDNN | Intel's own kernels: on a Cooperlake Xeon (family 6 model 207) OpenBLAS 0.3.21's best kernels (`SkylakeX`/`Cooperlake`) reach 62-70% of the peak, oneDNN 2.6 75-87% |
/// | others (AMD Zen 2/3/4, ...) | OpenBLAS | on a Zen 4 OpenBLAS's `Cooperlake` kernels reach 89-94% of the peak (issue 12's figures) |
///
/// `MPSTUDY_GEMM=openblas` or `=onednn` overrides the table (``GEMMLibrary/environmentVariable``).
public struct GEMMLibraryChoice: Sendable, Equatable {
    /// The library that runs.
    public let library: GEMMLibrary
    /// Why, in words.
    public let reason: String

    /// The choice for a CPU of `vendor` (CPUID's vendor string, e.g. `GenuineIntel`) when the
    /// environment variable holds `requested` (nil when unset); nil when `requested` names no
    /// library (the caller refuses it: see ``parse(_:)``).
    public static func choose(vendor: String, requested: String?) -> GEMMLibraryChoice? {
        if let requested {
            guard let library = parse(requested) else { return nil }
            return GEMMLibraryChoice(
                library: library, reason: "\(GEMMLibrary.environmentVariable)=\(requested) set by the user")
        }
        if vendor == "GenuineIntel" {
            return GEMMLibraryChoice(library: .oneDNN, reason: "Intel CPU: oneDNN's kernels")
        }
        let name = vendor.isEmpty ? "unknown vendor" : vendor
        return GEMMLibraryChoice(library: .openBLAS, reason: "\(name): OpenBLAS's kernels")
    }

    /// The library a value of ``GEMMLibrary/environmentVariable`` names (`openblas`, `onednn`,
    /// any case), or nil.
    public static func parse(_ text: String) -> GEMMLibrary? {
        GEMMLibrary(rawValue: text.lowercased())
    }

    /// One line saying what the variable accepts, for the error a bad value gives.
    public static func problem(with text: String) -> String {
        let shown = text.unicodeScalars.map {
            $0.properties.isDefaultIgnorableCodePoint || $0.value < 0x20 || $0.value == 0x7F ? "?" : String($0)
        }.joined()
        return "\(GEMMLibrary.environmentVariable)=\(shown.prefix(40)) names no GEMM library (openblas or onednn)"
    }
}
