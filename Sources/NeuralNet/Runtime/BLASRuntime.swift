//===--- BLASRuntime.swift ------------------------------------------------===//
//
// OpenBLAS's threading mode and core queries.
//
//===----------------------------------------------------------------------===//

import CBLAS
import _MPStudySupport
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The OpenBLAS runtime as a library sees it: its threading mode, the kernel set ("core") in
/// use, the CPU's model and feature flags, and which core would suit the CPU better.
///
/// Why the core matters: Debian's OpenBLAS 0.3.21 is a DYNAMIC_ARCH build that picks its
/// kernels from the CPU model number when the library loads. CPUs newer than the library
/// (for example the Xeon with AVX-512 this project is measured on, family 6 model 207) are
/// not in its table, and it silently falls back to the `Prescott` (SSE3) kernels: sgemm at
/// about 55 GFLOP/s on 2 cores instead of about 275 GFLOP/s with the `SkylakeX` kernels that
/// the same CPU supports. OpenBLAS only reads `OPENBLAS_CORETYPE` while loading, before any
/// Swift code runs, so the fix, setting it and re-executing the program, belongs to the
/// program, not to a library: `mpstudy` does it (`OpenBLASCoreRelaunch`) with
/// ``coreChoice`` (the table of ``OpenBLASCoreChoice``), and records the core OpenBLAS had detected in
/// ``relaunchMarker``, which ``summary`` reports. This type only reads the environment.
public enum BLASRuntime {
    /// Environment variable that a program which set `OPENBLAS_CORETYPE` and re-executed
    /// itself sets to the core OpenBLAS had detected on its own (read by ``summary``).
    public static let relaunchMarker = "MPSTUDY_OPENBLAS_DETECTED_CORE"

    /// The kernel set OpenBLAS is using, e.g. `SkylakeX`, `Haswell`, `Prescott`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's build configuration string (version, DYNAMIC_ARCH, core).
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "unknown" }
        return String(cString: text)
    }

    /// The CPU's model name from /proc/cpuinfo ("unknown" elsewhere), for reports.
    public static var cpuModel: String {
        cpuInfoField(["model name"]).map { String($0.drop { $0 == " " || $0 == "\t" }) } ?? "unknown"
    }

    /// The one-minute load average (nil where unknown): other work sharing the cores slows
    /// the steps, so reports record it beside their timings.
    public static var loadAverage: Double? {
        var load = [0.0]
        return getloadavg(&load, 1) == 1 ? load[0] : nil
    }

    /// Cores online (the default thread count).
    public static var availableCores: Int { ParallelChunks.availableCores }

    /// Threads OpenBLAS uses for one `cblas_sgemm` call: 1 once ``GEMM`` has run (it runs
    /// OpenBLAS single-threaded and parallelises over panels itself).
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Makes OpenBLAS run every call on the calling thread (``GEMM`` does this before each
    /// product; a no-op once set). OpenBLAS's own threading splits a product by its thread
    /// count and changes the bits of the result; ``GEMM`` runs fixed panels in parallel
    /// instead, several calls at once from its own threads (checked on OpenBLAS 0.3.21 with
    /// the SkylakeX, Cooperlake, Haswell and Prescott kernels: safe, and the same bits as the
    /// same calls made one after the other).
    public static func keepKernelsSingleThreaded() {
        if openblas_get_num_threads() != 1 { openblas_set_num_threads(1) }
    }

    /// What ``OpenBLASCoreChoice`` says for this CPU (features and signature from CPUID) and the core
    /// OpenBLAS detected: in a relaunched process (``relaunchMarker`` set) the detected core is
    /// the one recorded before the relaunch.
    public static var coreChoice: OpenBLASCoreChoice {
        let detected = getenv(relaunchMarker).map { String(cString: $0) } ?? coreName
        return OpenBLASCoreChoice.choose(features: .current, signature: .current, detected: detected)
    }

    /// The value after the colon of the first /proc/cpuinfo line starting with one of
    /// `keys`, without its newline; nil when there is none (or not on Linux).
    static func cpuInfoField(_ keys: [String]) -> String? {
        #if os(Linux)
            guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
            defer { fclose(file) }
            var line: UnsafeMutablePointer<CChar>? = nil
            var size = 0
            defer { free(line) }
            while getline(&line, &size, file) > 0, let line {
                let text = String(cString: line)
                guard keys.contains(where: { text.hasPrefix($0) }), let colon = text.firstIndex(of: ":") else {
                    continue
                }
                return String(text[text.index(after: colon)...].filter { $0 != "\n" })
            }
        #endif
        return nil
    }

    /// The GEMM library for this environment (OpenBLAS, or what `MPSTUDY_GEMM` names: see
    /// ``GEMMLibraryChoice``); an unrecognised `MPSTUDY_GEMM` counts as unset here (`mpstudy`
    /// refuses it before any work, with ``GEMMLibraryChoice/problem(with:)``).
    public static var gemmChoice: GEMMLibraryChoice {
        let requested = getenv(GEMMLibrary.environmentVariable).map { String(cString: $0) }
        return GEMMLibraryChoice.choose(requested: requested) ?? GEMMLibraryChoice.choose(requested: nil)!
    }

    /// The loaded oneDNN's version, e.g. `oneDNN 2.6.3`.
    public static var oneDNNVersion: String { OneDNNRuntime.version }

    /// One line describing the sgemm in use and why: the OpenBLAS line of ``openBLASSummary``,
    /// or e.g. `oneDNN 2.6.3 sgemm, single-threaded on fixed panels (MPSTUDY_GEMM=onednn set by
    /// the user)`.
    public static var summary: String {
        let choice = gemmChoice
        switch choice.library {
        case .oneDNN:
            return "\(OneDNNRuntime.version) sgemm, single-threaded on fixed panels (\(choice.reason))"
        case .openBLAS:
            // The default goes unremarked; a library the user named is said so.
            return choice == GEMMLibraryChoice.choose(requested: nil)
                ? openBLASSummary : openBLASSummary + " (GEMM library: \(choice.reason))"
        }
    }

    /// One line describing OpenBLAS and why its core, e.g. `OpenBLAS 0.3.21 core
    /// Cooperlake, single-threaded on fixed panels (core chosen by mpstudy: AVX-512 F/CD/BW/DQ/VL
    /// with AVX512_BF16: Cooperlake instead of the detected Prescott)`. The thread count is not
    /// in it: it does not change the results (``GEMM``), and run records keep it beside this line.
    public static var openBLASSummary: String {
        var text =
            "\(configuration.split(separator: " ").prefix(2).joined(separator: " ")) core \(coreName), single-threaded on fixed panels"
        if getenv(relaunchMarker) != nil {
            text += " (core chosen by mpstudy: \(coreChoice.reason))"
        } else if let chosen = getenv("OPENBLAS_CORETYPE") {
            text += " (OPENBLAS_CORETYPE=\(String(cString: chosen)) set by the user)"
        } else {
            text += " (\(coreChoice.reason))"
        }
        return text
    }
}
