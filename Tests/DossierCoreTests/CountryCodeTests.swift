import DossierCore
import Testing

@Suite struct CountryCodeTests {
    @Test func onlyAssignedCodesAndKosovoAreCountries() {
        #expect(CountryCode.assigned.count == 249)
        for code in ["GB", "FR", "IN", "US", "XK", "SS", "BQ"] { #expect(CountryCode.isValid(code), "\(code)") }
        for code in ["UK", "EU", "ZZ", "gb", "GBR", ""] { #expect(!CountryCode.isValid(code), "\(code)") }
        #expect(throws: DossierError.invalidInput("requested_state 'UK' is not an ISO 3166-1 alpha-2 code (two capital letters, e.g. GB)")) {
            try CountryCode.validate("UK", field: "requested_state")
        }
    }
}
