import DossierCore
import DossierPostgres
import DossierTesting
import Foundation
import Testing

/// A token's expiry is read on the store's clock, as every other time is.
@Suite struct TokenExpiryTests {
    @Test func aTokenWorksUntilItsExpiryByTheClockAndAnExpiryInThePastIsRefused() async throws {
        try await TestDatabase.withTested { db async throws in
            let issuedAt = db.clock.now()
            let users = UserStore(client: db.client, clock: .fixed(issuedAt), logger: db.logger)
            _ = try await users.createUser(id: "a.okafor", displayName: "A. Okafor", roles: [.investigator], agency: "MET", clearance: .secret)
            let token = try await users.issueToken(userID: "a.okafor", expiresAt: issuedAt.addingTimeInterval(3600)).token

            #expect(try await users.authenticate(token: token)?.id == "a.okafor")
            let justBefore = UserStore(client: db.client, clock: .fixed(issuedAt.addingTimeInterval(3599)), logger: db.logger)
            #expect(try await justBefore.authenticate(token: token)?.id == "a.okafor")
            let atExpiry = UserStore(client: db.client, clock: .fixed(issuedAt.addingTimeInterval(3600)), logger: db.logger)
            #expect(try await atExpiry.authenticate(token: token) == nil)

            let refusal = await #expect(throws: DossierError.self) {
                try await users.issueToken(userID: "a.okafor", expiresAt: issuedAt.addingTimeInterval(-1))
            }
            #expect(refusal?.message.hasPrefix("expires_at ") == true && refusal?.message.contains("has passed") == true)
        }
    }
}
