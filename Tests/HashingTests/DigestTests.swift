import Hashing
import Testing

@Suite struct DigestTests {
    @Test func sha256OfEmptyInputIsTheKnownValue() {
        #expect(Hex.encode(Digest.sha256([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func md5MatchesRFC1321() {
        #expect(Hex.encode(Digest.md5(Array("abc".utf8))) == "900150983cd24fb0d6963f7d28e17f72")
    }

    /// RFC 4231 test case 2.
    @Test func hmacSHA256MatchesRFC4231() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
        #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
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
