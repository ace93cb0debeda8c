import Testing
import _MPStudySupport

/// The generator is xoshiro256** seeded through SplitMix64; its outputs are fixed by those
/// published algorithms, not by this code.
@Suite struct SeededGeneratorTests {
    /// SplitMix64 from 0 (Vigna's reference splitmix64.c: x += 0x9E3779B97F4A7C15, then the
    /// two xor-shift-multiply rounds) gives 0xE220A8397B1DCDAF first, the well-known first
    /// output of that generator, so s0 = 0xE220A8397B1DCDAF. xoshiro256**'s first output is
    /// rotl(s1 * 5, 7) * 9 of the second SplitMix64 output s1 = 0x6E789E6AA1B965F4:
    /// s1 * 5 = 0x285B1815289EFDC4 (mod 2^64), rotated left by 7 = 0x2D8C0A944F7EE214,
    /// times 9 = 0x99EC5F36CB75F2B4 (mod 2^64).
    @Test func firstOutputFollowsFromTheAlgorithms() {
        var g = SeededGenerator(seed: 0)
        #expect(g.next() == 0x99EC_5F36_CB75_F2B4)
    }

    @Test func sameSeedSameSequence() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        var c = SeededGenerator(seed: 8)
        let x = (0..<16).map { _ in a.next() }
        let y = (0..<16).map { _ in b.next() }
        let z = (0..<16).map { _ in c.next() }
        #expect(x == y)
        #expect(x != z)
    }
}
