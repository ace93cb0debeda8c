//===--- CPUSignature.swift -----------------------------------------------===//
//
// Which processor this is, by CPUID vendor, family and model: for choices that features
// alone cannot make.
//
//===----------------------------------------------------------------------===//

import CKernels

/// A CPU's vendor, family and model as CPUID reports them (the display values of the Intel
/// and AMD manuals, the ones /proc/cpuinfo prints as `vendor_id`, `cpu family` and `model`).
///
/// Features (``CPUFeatures``) say what a CPU can run; the signature says how fast it runs it.
/// A Zen 4 has the AVX-512 of a Xeon but executes each 512-bit operation as two 256-bit halves,
/// so kernels written for full-width AVX-512 gain nothing there (``OpenBLASCoreChoice``).
public struct CPUSignature: Sendable, Hashable, CustomStringConvertible {
    /// CPUID's vendor string: `GenuineIntel`, `AuthenticAMD`, ... (empty off x86-64).
    public let vendor: String
    /// The display family: 6 for Intel's Core and Xeon lines, 0x19 for AMD Zen 3 and Zen 4,
    /// 0x1A for Zen 5.
    public let family: Int
    /// The display model.
    public let model: Int

    public init(vendor: String, family: Int, model: Int) {
        self.vendor = vendor
        self.family = family
        self.model = model
    }

    /// This CPU's signature.
    public static var current: CPUSignature {
        var vendor = [CChar](repeating: 0, count: 13)
        var family: UInt32 = 0
        var model: UInt32 = 0
        ck_cpu_signature(&vendor, &family, &model)
        let bytes = vendor.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return CPUSignature(vendor: String(decoding: bytes, as: UTF8.self), family: Int(family), model: Int(model))
    }

    /// An AMD family 19h CPU with AVX-512 is a Zen 4 (Zen 3, the same family, has none): its
    /// AVX-512 units are 256 bits wide, each 512-bit operation taking two passes.
    public func splitsAVX512(features: CPUFeatures) -> Bool {
        vendor == "AuthenticAMD" && family == 0x19 && features.contains(.avx512f)
    }

    /// `AuthenticAMD family 25 model 17`.
    public var description: String { "\(vendor) family \(family) model \(model)" }
}
