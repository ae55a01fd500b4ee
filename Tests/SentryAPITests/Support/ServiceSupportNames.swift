import ServiceSupport

// Hummingbird's HTTPTypes has its own HTTPRequest/HTTPResponse; in this test module the names mean ours.
typealias HTTPRequest = ServiceSupport.HTTPRequest
typealias HTTPResponse = ServiceSupport.HTTPResponse
