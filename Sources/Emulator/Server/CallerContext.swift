/// What a service operation needs to know about the request besides its input: the `Host` it was sent to
/// (queue URLs are built from it) and who signed it.
package struct CallerContext: Sendable {
    package var host: String
    package var accessKeyID: String?
    package var region: String

    package init(host: String, accessKeyID: String?, region: String) {
        self.host = host
        self.accessKeyID = accessKeyID
        self.region = region
    }
}
