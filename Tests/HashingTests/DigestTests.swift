import Hashing
import Testing

@Suite struct DigestTests {
    @Test func sha256OfEmptyInputIsTheKnownValue() {
        #expect(
            Hex.encode(Digest.sha256([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
    }

    @Test func md5MatchesRFC1321() {
        #expect(Hex.encode(Digest.md5(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
    }

    /// RFC 4231 test case 2.
    @Test func hmacSHA256MatchesRFC4231() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// RFC 4231 test cases 1, 6 and 7: a short binary key; a key longer than the block, hashed first; a message
    /// longer than the block.
    @Test func hmacSHA256MatchesRFC4231ForLongKeysAndData() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let case6 = Digest.hmacSHA256(
            key: key,
            data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        )
        #expect(Hex.encode(case6) == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
        let text =
            "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."
        let case7 = Digest.hmacSHA256(key: key, data: Array(text.utf8))
        #expect(Hex.encode(case7) == "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")
        #expect(
            Hex.encode(Digest.hmacSHA256(key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8)))
                == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        )
    }

    @Test func digestsOfNonContiguousBytesMatchThoseOfArrays() {
        let bytes = Array("abc".utf8)
        #expect(Digest.md5(bytes.lazy.map { $0 }) == Digest.md5(bytes))
        #expect(Digest.sha256(Set([UInt8(1)])) == Digest.sha256([UInt8(1)]))
    }

    /// The vector the original Python service used for Sentry webhook signatures.
    @Test func hmacSHA256MatchesTheOriginalServiceVector() {
        let mac = Digest.hmacSHA256(key: Array("Some Private Key".utf8), data: Array("Hello World".utf8))
        #expect(Hex.encode(mac) == "64634bbddfd3a1bb0d6360839371aa12ea16d785c7f94bb6f2eac7ed5f3d235c")
    }

    @Test func constantTimeEqualComparesContentAndLength() {
        #expect(Digest.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEqual([1, 2, 3], [1, 2]))
    }

    @Test func hexRoundTripsAndRejectsJunk() {
        #expect(Hex.decode("00FfA0") == [0, 255, 160])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0, 255, 160]) == "00ffa0")
    }
}
