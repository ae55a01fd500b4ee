import LocalAccess
import Testing

/// The control surfaces answer loopback names only, and refuse a state change from a foreign web page.
@Suite struct LocalAccessPolicyTests {
    let policy = LocalAccessPolicy()

    @Test(arguments: [
        "127.0.0.1:4566", "127.0.0.1", "localhost:4566", "LOCALHOST", "[::1]:4566", "127.1.2.3:80",
        "app.localhost:4566",
    ])
    func loopbackHostsAreServed(host: String) {
        #expect(policy.refusal(method: "POST", host: host, origin: nil) == nil)
    }

    @Test(arguments: [
        "evil.example:4566", "127.0.0.1.evil.example", "10.0.0.5:4566", "0.0.0.0:4566", "", "[::2]",
        "127.0.0.256", "localhost.evil.example",
    ])
    func anyOtherHostIsRefusedAsDNSRebindingWouldSendIt(host: String) {
        let refusal = policy.refusal(method: "GET", host: host, origin: nil)
        #expect(refusal?.contains("loopback host") == true)
    }

    @Test func aMissingHostIsRefused() {
        #expect(policy.refusal(method: "GET", host: nil, origin: nil) != nil)
    }

    @Test func aForeignOriginMayReadButNotChange() {
        #expect(policy.refusal(method: "GET", host: "127.0.0.1:4566", origin: "https://evil.example") == nil)
        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let refusal = policy.refusal(method: method, host: "127.0.0.1:4566", origin: "https://evil.example")
            #expect(refusal?.contains("'https://evil.example'") == true, "\(method)")
        }
        #expect(policy.refusal(method: "POST", host: "127.0.0.1:4566", origin: "null") != nil)
        #expect(policy.refusal(method: "POST", host: "127.0.0.1:4566", origin: "http://localhost:4566") == nil)
        #expect(policy.refusal(method: "POST", host: "127.0.0.1:4566", origin: "http://127.0.0.1:9000") == nil)
    }

    @Test func namesFromTheEnvironmentAreAdded() {
        let policy = LocalAccessPolicy.from(environment: ["DEVSTACK_ALLOWED_HOSTS": "devstack, Stack.internal"])
        #expect(policy.refusal(method: "POST", host: "devstack:4566", origin: "http://stack.internal") == nil)
        #expect(policy.refusal(method: "POST", host: "other:4566", origin: nil) != nil)
    }
}
