import DossierCore
public import Foundation

/// Where the PostgreSQL server programs are: on PATH, or under /usr/lib/postgresql/*/bin
/// (Debian's layout, newest version first).
public struct PostgresBinaries: Sendable {
    public var initdb: String
    public var pgCtl: String

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresBinaries {
        var directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let debian = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        directories += versions.map { "\(debian)/\($0)/bin" }
        for directory in directories {
            let initdb = "\(directory)/initdb"
            let pgCtl = "\(directory)/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl) {
                // Resolve links (/usr/local/bin/pg_ctl -> /usr/lib/postgresql/15/bin/pg_ctl) so that
                // the sibling programs (createdb) are found beside them.
                return PostgresBinaries(
                    initdb: URL(fileURLWithPath: initdb).resolvingSymlinksInPath().path,
                    pgCtl: URL(fileURLWithPath: pgCtl).resolvingSymlinksInPath().path)
            }
        }
        throw DossierError(
            .invalidInput,
            "PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin: "
                + "install them (apt-get install postgresql postgresql-contrib) or set DATABASE_URL to an existing server")
    }
}
