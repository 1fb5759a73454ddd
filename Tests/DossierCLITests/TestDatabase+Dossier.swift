import DossierTesting
import Foundation
import PostgresNIO
import Testing

extension TestDatabase {
    /// Runs `dossier` against this test's database, with a checkpoint directory of its own
    /// (``checkpointDirectory``) so that exports are signed.
    func dossier(_ arguments: String...) async throws -> DossierBinary.Run {
        try await DossierBinary.run(arguments, databaseURL: url, environment: ["DOSSIER_CHECKPOINT_DIR": checkpointDirectory.path])
    }

    /// This test database's checkpoint directory, in the temporary directory.
    var checkpointDirectory: URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appending(path: "dossier-checkpoints-\(name)")
    }

    /// Runs `dossier ... --json`, expects success, and returns the parsed object.
    func dossierJSON(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let run = try await DossierBinary.run(
            arguments + ["--json"], databaseURL: url, environment: ["DOSSIER_CHECKPOINT_DIR": checkpointDirectory.path])
        #expect(run.status == 0, "\(arguments): \(run.stderr)", sourceLocation: sourceLocation)
        return try #require(try run.json() as? [String: Any], sourceLocation: sourceLocation)
    }

    /// Opens a cold case through the CLI and returns its reference.
    func openColdCase(
        title: String = "Murder of J. Doe", agency: String = "WYP", country: String = "GB", wentColdOn: String = "1995-09-01",
        limitationDate: String? = nil, tags: [String] = []
    ) async throws -> String {
        let limitation = limitationDate.map { #", "limitation_date": "\#($0)""# } ?? ""
        let attributes = #"{"offence_category": "homicide", "offence_date": "1994-06-12", "offence_place": "Leeds", "#
            + #""went_cold_on": "\#(wentColdOn)", "jurisdiction": "\#(country)"\#(limitation)}"#
        let run = try await DossierBinary.run(
            ["case", "open", "--module", "cold-cases", "--type", "cold-case", "--title", title, "--agency", agency,
             "--country", country, "--attributes", attributes, "--json"] + tags.flatMap { ["--tag", $0] },
            databaseURL: url)
        #expect(run.status == 0, "\(run.stderr)")
        let opened = try #require(try run.json() as? [String: Any])
        return try #require(opened["reference"] as? String)
    }

    /// One number from SQL, e.g. a row count.
    func count(_ query: PostgresQuery) async throws -> Int {
        let rows = try await client.query(query, logger: logger)
        for try await value in rows.decode(Int.self) { return value }
        return 0
    }
}

extension DossierBinary.Run {
    /// A refusal: exit 1 and exactly one line on standard error.
    var refusal: String? {
        guard status == 1, stderr.hasSuffix("\n"), stderr.filter({ $0 == "\n" }).count == 1 else { return nil }
        return String(stderr.dropLast())
    }
}
