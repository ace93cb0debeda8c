import Testing
import NeuralNet
import _TestSupport

/// SHA-256 against the FIPS 180-2 example vectors, and against the tests' own SHA-256
/// (`_TestSupport`, which writes the SHA256SUMS of synthetic data sets).
@Suite("SHA-256")
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func vectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func streamingEqualsOneShot() {
        let message = (0..<1000).map { UInt8($0 % 251) }
        var h = SHA256()
        var i = 0
        for size in [1, 63, 64, 65, 7, 300, 500] where i < message.count {
            h.update(message[i..<min(i + size, message.count)])
            i += size
        }
        h.update(message[min(i, message.count)...])
        #expect(SHA256.hex(h.finalize()) == SHA256.hexDigest(message))
    }

    /// Every message length from 0 to 200 bytes (each padding case: 55, 56, 63, 64 bytes...)
    /// gives the same digest here and in the independent implementation, which is itself
    /// held to the FIPS vectors.
    @Test func agreesWithTheTestsOwnSHA256() {
        for (message, digest) in [
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ] {
            #expect(SHA256Digest.hex(Array(message.utf8)) == digest)
        }
        for length in 0...200 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) }
            #expect(SHA256.hexDigest(message) == SHA256Digest.hex(message), "\(length) bytes")
        }
    }
}
