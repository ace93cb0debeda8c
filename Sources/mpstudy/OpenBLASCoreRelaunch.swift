import NeuralNet
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Re-executes `mpstudy` with `OPENBLAS_CORETYPE` set when OpenBLAS's own choice of kernel
/// set does not fit the CPU, by ``OpenBLASCoreChoice``'s table of CPUID features (typically a
/// fallback to a weaker kernel set than the CPU supports: DYNAMIC_ARCH builds older than the
/// CPU fall back to `Prescott`, five times slower in sgemm). OpenBLAS reads the
/// variable only while it loads, so setting it takes a new process image; changing the
/// environment and replacing the process is the program's business, so it lives here and
/// not in NeuralNet.
enum OpenBLASCoreRelaunch {
    /// Does nothing (returns) when OpenBLAS does not run the products (``BLASRuntime/gemmChoice``),
    /// when the user set `OPENBLAS_CORETYPE` (always respected), when
    /// this process is already the relaunched one, when the detected core is fine, when not on
    /// Linux, or when `exec` fails (the detected kernels are then used). Call it before any
    /// output or work: on success the process image is replaced and the call never returns.
    /// `evenIfUnused` relaunches also when oneDNN runs training's products (MPSTUDY_GEMM=onednn:
    /// `bench gemm` times OpenBLAS beside it).
    static func relaunchIfNeeded(evenIfUnused: Bool = false) {
        #if os(Linux)
            guard evenIfUnused || BLASRuntime.gemmChoice.library == .openBLAS else { return }
            guard getenv("OPENBLAS_CORETYPE") == nil, getenv(BLASRuntime.relaunchMarker) == nil else { return }
            let detected = BLASRuntime.coreName
            guard let preferred = BLASRuntime.coreChoice.request else { return }
            setenv("OPENBLAS_CORETYPE", preferred, 1)
            setenv(BLASRuntime.relaunchMarker, detected, 1)
            fflush(nil)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // exec failed: carry on with the detected kernels.
            unsetenv("OPENBLAS_CORETYPE")
            unsetenv(BLASRuntime.relaunchMarker)
        #endif
    }
}
