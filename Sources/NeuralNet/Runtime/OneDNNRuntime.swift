//===--- OneDNNRuntime.swift ----------------------------------------------===//
//
// oneDNN's version, and keeping its sgemm on the calling thread.
//
//===----------------------------------------------------------------------===//

import CDNNL
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The oneDNN runtime as ``GEMM`` uses it.
///
/// Debian's oneDNN is built on OpenMP: `dnnl_sgemm` splits a product over the calling thread's
/// OpenMP team, as many threads as cores by default. ``GEMM`` runs fixed panels in parallel
/// itself (so that the bits do not depend on the thread count), so each panel's call must run on
/// its own thread alone: ``keepOnCallingThread()`` sets the calling thread's OpenMP team size
/// to 1 (`omp_set_num_threads` is per thread). It is found with `dlsym`, in the OpenMP runtime
/// oneDNN loaded, rather than linked: the runtime is oneDNN's choice, not mpstudy's.
enum OneDNNRuntime {
    /// `omp_set_num_threads` of the OpenMP runtime oneDNN loaded (nil for a oneDNN without
    /// OpenMP, whose sgemm then runs on the calling thread anyway).
    static let setThreads: (@convention(c) (Int32) -> Void)? = {
        guard let symbol = dlsym(nil, "omp_set_num_threads") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Void).self)
    }()

    /// Makes the calling thread's `dnnl_sgemm` calls single-threaded (cheap: one store of a
    /// thread-local setting; ``GEMM`` calls it before every panel, on whatever thread runs it).
    @inline(__always)
    static func keepOnCallingThread() { setThreads?(1) }

    /// `oneDNN 2.6.3`, from the loaded library.
    static var version: String {
        guard let v = dnnl_version() else { return "oneDNN" }
        return "oneDNN \(v.pointee.major).\(v.pointee.minor).\(v.pointee.patch)"
    }
}
