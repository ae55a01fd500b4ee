import Foundation
import Testing

@testable import Emulator

/// The value types behind ListSecrets' filters and rotation schedules, without a service.
@Suite struct SecretListFilterTests {
    @Test(arguments: [
        ("test", ["test"]), ("my test", ["my", "test"]), ("Mytest", ["Mytest"]), ("MyTest", ["My", "Test"]),
        ("myTest", ["my", "Test"]), ("my/test", ["my", "test"]), ("COMPANYthings", ["COMPAN", "Ythings"]),
        ("prod+AppBeta=x", ["prod", "App", "Beta", "x"]), ("a.b@c_d-e", ["a", "b", "c", "d", "e"]),
    ])
    func attributesSplitIntoWordsAsAWSWasSeenToSplitThem(text: String, words: [String]) {
        #expect(SecretListFilter.words(text) == words)
    }

    @Test func everyWordOfTheValueMustBeginAWord() {
        let words = SecretListFilter.words("one and two")
        #expect(SecretListFilter.wordsMatch("o t", in: words))
        #expect(SecretListFilter.wordsMatch("TWO", in: words))
        #expect(!SecretListFilter.wordsMatch("one three", in: words))
        #expect(!SecretListFilter.wordsMatch("ne", in: words), "a word's middle is not a match")
        #expect(SecretListFilter.wordsMatch("AppBeta", in: SecretListFilter.words("prod/AppBeta/x")))
        #expect(SecretListFilter.wordsMatch("company", in: SecretListFilter.words("uat/COMPANY/x")))
        #expect(!SecretListFilter.wordsMatch("company", in: SecretListFilter.words("uat/COMPANYthings/x")))
        #expect(SecretListFilter.wordsMatch("Ythings", in: SecretListFilter.words("uat/COMPANYthings/x")))
        #expect(!SecretListFilter.wordsMatch("+", in: SecretListFilter.words("prod+AppBeta")), "no words, no match")
    }

    @Test func valuesOutsideThePatternAreInvalid() {
        #expect(SecretListFilter.isValidValue("!prod/App Beta:1_@+=.-"))
        #expect(!SecretListFilter.isValidValue("a*"))
        #expect(!SecretListFilter.isValidValue(String(repeating: "a", count: 513)))
    }

    @Test func nextRotationDatesFollowTheSchedule() throws {
        let day = 86_400.0
        let last = 10 * day + 3_600  // 01:00 on day 10
        let days = try SecretRotationRules(JSONInput(["AutomaticallyAfterDays": 30]))
        #expect(days.nextRotation(after: last) == 40 * day + 86_399, "the end of the UTC day, 30 days on")
        let hours = try SecretRotationRules(JSONInput(["ScheduleExpression": "rate(6 hours)", "Duration": "2h"]))
        #expect(hours.nextRotation(after: last) == last + 6 * 3_600 + 2 * 3_600)
        let cron = try SecretRotationRules(JSONInput(["ScheduleExpression": "cron(0 16 1,15 * ? *)"]))
        #expect(cron.nextRotation(after: last) == nil, "cron calendars are not evaluated")
        #expect(throws: AWSError.self) { try SecretRotationRules(JSONInput(["ScheduleExpression": "rate(3 hours)"])) }
        #expect(throws: AWSError.self) {
            try SecretRotationRules(JSONInput(["AutomaticallyAfterDays": 2, "ScheduleExpression": "rate(2 days)"]))
        }
    }
}
