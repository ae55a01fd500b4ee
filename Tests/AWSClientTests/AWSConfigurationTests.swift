import AWSClient
import AWSSigV4
import Foundation
import Testing

@Suite("AWSConfiguration from the environment")
struct AWSConfigurationTests {
    @Test("credentials, session token and region are read as the SDKs read them")
    func readsCredentialsAndRegion() throws {
        let configuration = try AWSConfiguration(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token",
            "AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-west-2",
        ])
        #expect(configuration.credentials.accessKeyID == "AKID")
        #expect(configuration.credentials.secretAccessKey == "secret")
        #expect(configuration.credentials.sessionToken == "token")
        #expect(configuration.region == "eu-west-1", "AWS_REGION wins over AWS_DEFAULT_REGION")
        #expect(configuration.endpoint(for: .sqs).absoluteString == "https://sqs.eu-west-1.amazonaws.com")
        #expect(
            configuration.endpoint(for: .secretsManager).absoluteString
                == "https://secretsmanager.eu-west-1.amazonaws.com"
        )
        #expect(configuration.endpoint(for: .lambda).absoluteString == "https://lambda.eu-west-1.amazonaws.com")
        #expect(configuration.endpoint(for: .sts).absoluteString == "https://sts.eu-west-1.amazonaws.com")
    }

    @Test("AWS_DEFAULT_REGION is the fallback; China regions use amazonaws.com.cn; an empty token is no token")
    func defaultRegionFallback() throws {
        let configuration = try AWSConfiguration(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "",
            "AWS_REGION": "", "AWS_DEFAULT_REGION": "cn-north-1",
        ])
        #expect(configuration.region == "cn-north-1")
        #expect(configuration.credentials.sessionToken == nil)
        #expect(configuration.endpoint(for: .sqs).absoluteString == "https://sqs.cn-north-1.amazonaws.com.cn")
    }

    @Test("a service-specific endpoint variable wins over AWS_ENDPOINT_URL, which wins over the default")
    func endpointPrecedence() throws {
        let configuration = try AWSConfiguration(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:4566",
            "AWS_ENDPOINT_URL_SQS": "http://127.0.0.1:9324",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": "http://localhost:4584/",
        ])
        #expect(configuration.endpoint(for: .sqs).absoluteString == "http://127.0.0.1:9324")
        #expect(configuration.endpoint(for: .secretsManager).absoluteString == "http://localhost:4584/")
        #expect(configuration.endpoint(for: .lambda).absoluteString == "http://127.0.0.1:4566")
        #expect(configuration.endpoint(for: .sts).absoluteString == "http://127.0.0.1:4566")
    }

    @Test("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores the overrides")
    func ignoreConfiguredEndpoints() throws {
        let configuration = try AWSConfiguration(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:4566", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true",
        ])
        #expect(configuration.endpoint(for: .sqs).absoluteString == "https://sqs.us-east-1.amazonaws.com")
    }

    @Test(
        "a missing variable is a typed error naming it",
        arguments: [
            ([String: String](), "AWS_ACCESS_KEY_ID"),
            (["AWS_ACCESS_KEY_ID": "AKID"], "AWS_SECRET_ACCESS_KEY"),
            (["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "  "], "AWS_SECRET_ACCESS_KEY"),
            (["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "secret"], "AWS_REGION"),
        ]
    )
    func missingVariable(environment: [String: String], variable: String) {
        let error = #expect(throws: AWSConfigurationError.self) { try AWSConfiguration(environment: environment) }
        #expect(error?.code == .missingVariable)
        #expect(error?.variable == variable)
        #expect(error?.description.contains(variable) == true)
    }

    @Test(
        "an unusable value is a typed error naming its variable",
        arguments: [
            ("AWS_ENDPOINT_URL", "localhost:4566"),
            ("AWS_ENDPOINT_URL_SQS", "ftp://127.0.0.1"),
            ("AWS_ENDPOINT_URL_SECRETS_MANAGER", "http://"),
            ("AWS_REGION", "us east 1"),
        ]
    )
    func invalidVariable(variable: String, value: String) {
        var environment = Fixtures.environment
        environment[variable] = value
        let error = #expect(throws: AWSConfigurationError.self) { try AWSConfiguration(environment: environment) }
        #expect(error?.code == .invalidVariable)
        #expect(error?.variable == variable)
    }

    @Test("the description shows neither the secret key nor the session token")
    func descriptionRedactsSecrets() throws {
        let configuration = try AWSConfiguration(environment: [
            "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "very-secret", "AWS_SESSION_TOKEN": "token-value",
            "AWS_REGION": "us-east-1",
        ])
        #expect(!configuration.description.contains("very-secret"))
        #expect(!configuration.description.contains("token-value"))
        #expect(configuration.description.contains("AKID"))
    }
}
