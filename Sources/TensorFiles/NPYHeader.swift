//===--- NPYHeader.swift --------------------------------------------------===//
//
// The header of a NumPy .npy array, format versions 1.0, 2.0 and 3.0.
//
//===----------------------------------------------------------------------===//

/// What an .npy header says (NumPy's `numpy/lib/format.py` specification): the 6-byte magic
/// `\x93NUMPY`, major and minor version bytes, the header length (2 bytes little-endian in
/// 1.0, 4 bytes in 2.0 and 3.0), then that many bytes of a Python dict literal with the keys
/// `descr`, `fortran_order` and `shape` (ASCII in 1.0 and 2.0, UTF-8 in 3.0), padded with
/// spaces and ending in a newline. The element data follows immediately.
struct NPYHeader: Equatable {
    let elementType: TensorElementType
    let byteOrder: ByteOrder
    let storageOrder: StorageOrder
    let shape: [Int]
    /// Bytes from the start of the file to the first element byte.
    let dataOffset: Int

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// The longest header read: NumPy's own header has a few dozen bytes; a longer one is
    /// refused before its text is decoded.
    static let maximumHeaderLength = 1 << 20

    /// Whether `bytes` start with the npy magic.
    static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && zip(bytes.prefix(magic.count), magic).allSatisfy { $0 == $1 }
    }

    /// Parses the header at the start of `bytes` (which may be only a prefix of the file).
    static func parse(
        _ bytes: UnsafeRawBufferPointer, path: String, tensor: String?
    ) throws(TensorFileError) -> NPYHeader {
        func fail(_ problem: String) -> TensorFileError { TensorFileError(path: path, tensor: tensor, problem) }
        guard hasMagic(bytes) else { throw fail("not an .npy array (no \\x93NUMPY magic)") }
        guard bytes.count >= 10 else {
            throw fail("truncated: the .npy preamble needs 10 bytes, the file has \(bytes.count)")
        }
        let major = bytes[6]
        let minor = bytes[7]
        let lengthBytes: Int
        switch (major, minor) {
        case (1, 0): lengthBytes = 2
        case (2, 0), (3, 0): lengthBytes = 4
        default: throw fail("unsupported .npy format version \(major).\(minor) (1.0, 2.0 and 3.0 are read)")
        }
        guard bytes.count >= 8 + lengthBytes else { throw fail("truncated in the .npy preamble") }
        var headerLength = 0
        for k in 0..<lengthBytes { headerLength |= Int(bytes[8 + k]) << (8 * k) }
        let start = 8 + lengthBytes
        guard headerLength <= maximumHeaderLength else {
            throw fail(
                "header length \(headerLength) is larger than any .npy header (at most \(maximumHeaderLength) bytes read)"
            )
        }
        guard headerLength <= bytes.count - start else {
            throw fail("truncated: the header announces \(headerLength) bytes, only \(bytes.count - start) follow")
        }
        let raw = Array(bytes[start..<start + headerLength])
        let text: String
        if major == 3 {
            guard let decoded = String(validating: raw, as: UTF8.self) else { throw fail("header is not UTF-8") }
            text = decoded
        } else {
            guard raw.allSatisfy({ $0 < 0x80 }) else { throw fail("header is not ASCII (format \(major).0)") }
            text = String(decoding: raw, as: UTF8.self)
        }
        let literal: PythonLiteral
        do { literal = try PythonLiteral.parse(text) } catch { throw fail("header is not a Python dict: \(error)") }
        guard case .dict(let entries) = literal else { throw fail("header is not a Python dict") }
        var table: [String: PythonLiteral] = [:]
        for (key, value) in entries { table[key] = value }
        guard Set(table.keys) == ["descr", "fortran_order", "shape"] else {
            throw fail("header keys are \(entries.map(\.0).sorted()), expected descr, fortran_order and shape")
        }
        guard case .boolean(let fortran)? = table["fortran_order"] else {
            throw fail("fortran_order is not True or False")
        }
        guard case .tuple(let dimensions)? = table["shape"] else { throw fail("shape is not a tuple") }
        var shape: [Int] = []
        for dimension in dimensions {
            guard case .integer(let d) = dimension else { throw fail("shape has an item that is not an integer") }
            shape.append(d)
        }
        let (type, order) = try elementType(table["descr"]!, fail: fail)
        return NPYHeader(
            elementType: type, byteOrder: order, storageOrder: fortran ? .fortran : .c, shape: shape,
            dataOffset: start + headerLength)
    }

    /// The element type and byte order of a `descr`: `<f2 <f4 <f8 >f2 >f4 >f8`; anything else
    /// is refused naming it.
    static func elementType(
        _ descr: PythonLiteral, fail: (String) -> TensorFileError
    ) throws(TensorFileError) -> (TensorElementType, ByteOrder) {
        guard case .string(let text) = descr else {
            throw fail("dtype is structured (descr is not a string); only float16, float32 and float64 arrays are read")
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 3, scalars[0] == "<" || scalars[0] == ">" else { throw fail(refusal(text)) }
        let order: ByteOrder = scalars[0] == "<" ? .littleEndian : .bigEndian
        switch String(String.UnicodeScalarView(scalars[1...])) {
        case "f2": return (.float16, order)
        case "f4": return (.float32, order)
        case "f8": return (.float64, order)
        default: throw fail(refusal(text))
        }
    }

    private static func refusal(_ descr: String) -> String {
        "dtype '\(descr)' is not read (only float16, float32 and float64: <f2 <f4 <f8 >f2 >f4 >f8)"
    }
}
