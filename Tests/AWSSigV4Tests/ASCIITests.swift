import Testing

@testable import AWSSigV4

/// The byte-level helpers the signer and the verifier read headers with: they must give what the `String`
/// operations they replaced gave, for ASCII and for any other UTF-8 that a header may carry.
@Suite struct ASCIITests {
    @Test func lowerCasesOnlyASCIILetters() {
        #expect(ASCII.lowercased("X-Amz-Date") == "x-amz-date")
        #expect(ASCII.lowercased("already-lower") == "already-lower")
        #expect(ASCII.lowercased("ÉTÉ-Z") == "ÉtÉ-z")
    }

    @Test func comparesNamesWithoutCase() {
        #expect(ASCII.equalsIgnoringCase("Authorization", "authorization"))
        #expect(ASCII.equalsIgnoringCase("X-AMZ-TARGET", "x-amz-target"))
        #expect(!ASCII.equalsIgnoringCase("x-amz-date", "x-amz-data"))
        #expect(!ASCII.equalsIgnoringCase("host", "hostname"))
        // `[` (0x5B) and `{` (0x7B) differ by the case bit but are not letters.
        #expect(!ASCII.equalsIgnoringCase("a[", "a{"))
    }

    @Test func stringAndGenericComparisonsAgree() {
        let pairs: [(String, String)] = [
            ("Content-Type", "content-type"), ("", ""), ("a", ""), ("É", "é"), ("é", "é"), ("X-Amz-Date", "x-amz-datE"),
            ("host", "hosT "), ("a@", "A`"),
        ]
        for (lhs, rhs) in pairs {
            // The String overload (what header lookups call) and the generic one (Substrings) must agree.
            #expect(ASCII.equalsIgnoringCase(lhs, rhs) == ASCII.equalsIgnoringCase(lhs[...], rhs[...]), "\(lhs) \(rhs)")
        }
        #expect(!ASCII.equalsIgnoringCase("É", "é"), "only ASCII letters fold")
        #expect(ASCII.equalsIgnoringCase("X-Amz-Date", "x-amz-datE"))
    }

    @Test func splitsKeepingEmptyPiecesAndTrims() {
        #expect(ASCII.split("a/b//c", at: UInt8(ascii: "/")) == ["a", "b", "", "c"])
        #expect(ASCII.split("", at: UInt8(ascii: "/")) == [""])
        #expect(ASCII.trimmed(" \t value  x \r\n") == "value  x")
        #expect(ASCII.trimmed("   ") == "")
    }

    @Test func headerValuesFoldInnerRunsOfSpaceAndTab() {
        #expect(SigV4Canonical.canonicalHeaderValue("  a   b\t\tc  ") == "a b c")
        #expect(SigV4Canonical.canonicalHeaderValue("ünïcødé  value") == "ünïcødé value")
    }

    @Test func canonicalHeadersJoinRepeatedNamesOfAnyCaseInOrder() {
        let request = SignableRequest(
            method: "GET",
            path: "/",
            headers: [.init("Host", "h"), .init("X-Multi", "one"), .init("x-multi", " two "), .init("X-MULTI", "3")]
        )
        let headers = SigV4Canonical.canonicalHeaders(of: request, signedHeaders: ["X-Multi", "host"])
        #expect(headers.block == "host:h\nx-multi:one,two,3\n")
        #expect(headers.signedHeaders == "host;x-multi")
    }
}
