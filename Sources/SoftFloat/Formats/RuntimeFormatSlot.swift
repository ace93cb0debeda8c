/// The format type of runtime formats: its parameters are those of the ``RuntimeFormat``
/// bound around the call (``RuntimeFormat/withBinding(_:_:)``), so `BinaryFloat<RuntimeFormatSlot>`
/// runs exactly the generic rounding and arithmetic of the compile-time formats, with the
/// masks and widths read at run time instead of folded into constants.
///
/// Encodings are stored in 64 bits whatever the width; the bits above `bitWidth` are zero in
/// every value the operations produce (they compute on `bitWidth`-bit words and masks).
/// Values must not outlive the binding they were made under: they mean nothing in another.
public enum RuntimeFormatSlot: BinaryFormat {
    public typealias Bits = UInt64
    public static var exponentBitCount: Int { RuntimeFormat.required.exponentBitCount }
    public static var fractionBitCount: Int { RuntimeFormat.required.fractionBitCount }
    public static var hasInfinities: Bool { RuntimeFormat.required.hasInfinities }
    public static var hasNaN: Bool { RuntimeFormat.required.hasNaN }
    public static var name: String { RuntimeFormat.required.name }
}
