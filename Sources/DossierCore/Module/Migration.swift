import Foundation
import Crypto

/// One SQL file of a module's schema: `migrations/<module-id>/NNNN_snake_name.sql`.
///
/// Files are applied in version order and never edited once released: the migrator keeps
/// each file's checksum and refuses to run when an applied file has changed.
public struct Migration: Sendable, Hashable {
    public var module: String
    public var version: Int
    public var name: String
    public var sql: String
    /// SHA-256 of the SQL text, lower-case hex.
    public var checksum: String

    public init(module: String, version: Int, name: String, sql: String) {
        self.module = module
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Array(SHA256.hash(data: Array(sql.utf8))).hexString
    }

    /// The file name as it stands in the migrations folder.
    public var fileName: String { version == 0 ? name : "\(version.zeroPadded(4))_\(name).sql" }

    /// Builds a migration from its path relative to the migrations folder, e.g.
    /// `cold-cases/0001_create_reviews.sql`.
    public init(path: String, sql: String) throws(DossierError) {
        let parts = path.split(separator: "/")
        guard parts.count == 2, parts[1].hasSuffix(".sql") else {
            throw DossierError(.migrationFailed, "migration '\(path)' must be <module-id>/NNNN_snake_name.sql")
        }
        let stem = parts[1].dropLast(4)
        guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0,
            stem.distance(from: stem.startIndex, to: underscore) == 4
        else {
            throw DossierError(.migrationFailed, "migration '\(path)' must be named NNNN_snake_name.sql (e.g. 0001_create_cases.sql)")
        }
        self.init(module: String(parts[0]), version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql)
    }

    /// The migrations of one module from the files the `EmbedMigrations` build plugin
    /// carried into the binary, in version order. A file that is not named
    /// `NNNN_snake_name.sql` becomes a migration with version 0, which the registry refuses
    /// at start-up with the file's name, rather than being silently skipped.
    public static func embedded(_ files: [(path: String, base64: String)], module: String) -> [Migration] {
        files.compactMap { file in
            guard file.path.hasPrefix(module + "/"), let data = Data(base64Encoded: file.base64) else { return nil }
            let sql = String(decoding: data, as: UTF8.self)
            if let migration = try? Migration(path: file.path, sql: sql) { return migration }
            return Migration(module: module, version: 0, name: String(file.path.dropFirst(module.count + 1)), sql: sql)
        }.sorted { $0.version < $1.version }
    }
}
