import SoftFloat
import Testing
@testable import mpstudy

/// `mpstudy convert`'s batch core on hand-derived conversions to E4M3 (p = 4, emax 8, largest
/// 448 = 1.110b·2^8, NaN S.1111.111): 1.0 is 0x38 (exponent field 7 = bias); 448 is exact,
/// 0x7E; 464 = 1.1101b·2^8 is the tie between 448 and 480 (which would be the NaN code), to the
/// even 448, inexact (16); 465 lies above the tie: overflow, non-saturating -> NaN 0x7F,
/// overflow|inexact (4 + 16 = 20), or 448 saturating; a quiet NaN stays a NaN without flags.
@Suite struct ConvertCommandTests {
    static let inputs: [Float] = [1.0, 448, 464, 465, .nan]

    @Test func float32ToE4M3() {
        let words = Self.inputs.map { UInt64($0.bitPattern) }
        let (codes, flags) = ConvertCommand.convert(words, from: .binary32, to: .e4m3, env: FloatEnvironment())
        #expect(codes == [0x38, 0x7E, 0x7E, 0x7F, 0x7F])
        #expect(flags == [0, 0, 16, 20, 0])
        let (saturated, _) = ConvertCommand.convert(
            words, from: .binary32, to: .e4m3, env: FloatEnvironment(saturatesOverflow: true))
        #expect(saturated == [0x38, 0x7E, 0x7E, 0x7E, 0x7F])
    }

    /// E2M1 (values 0, 0.5, 1, 1.5, 2, 3, 4, 6): 0.25 is the tie between 0 and 0.5, to the even 0
    /// (code 0, underflow|inexact); 5 is the tie between 4 (0x6) and 6 (0x7), to the even 4; 7
    /// lies beyond 6, no infinity: saturates to 6 (0x7); -1.5 is 0x8 | 0x3 = 0xB.
    @Test func float32ToE2M1() {
        let words: [Float] = [0.25, 5, 7, -1.5]
        let (codes, _) = ConvertCommand.convert(
            words.map { UInt64($0.bitPattern) }, from: .binary32, to: .e2m1, env: FloatEnvironment())
        #expect(codes == [0x0, 0x6, 0x7, 0xB])
    }
}
