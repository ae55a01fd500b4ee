/// Header names Sentry sends with a webhook (they arrive lower-cased through a Function URL).
public enum WebhookHeader {
    public static let signature = "sentry-hook-signature"
    public static let appSignature = "sentry-app-signature"
    public static let resource = "sentry-hook-resource"
    public static let timestamp = "sentry-hook-timestamp"
    public static let requestID = "request-id"
}
