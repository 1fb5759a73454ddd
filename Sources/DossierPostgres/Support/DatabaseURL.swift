import DossierCore
import Foundation
public import PostgresNIO

/// A `DATABASE_URL` in libpq's URI form: `postgres://user:password@host:5432/dbname`, or
/// `postgresql:///dbname?host=/var/run/postgresql` for a unix socket directory.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public var username: String
    public var password: String?
    /// A host name, or nil with `socketPath` set.
    public var host: String?
    public var port: Int
    public var socketPath: String?
    public var database: String
    public var requireTLS: Bool

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? "")
        else {
            throw DossierError.invalidInput(
                "DATABASE_URL must look like postgres://user:password@host:5432/dbname (got something else)")
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        username = components.percentEncodedUser?.removingPercentEncoding ?? query["user"] ?? "postgres"
        password = components.percentEncodedPassword?.removingPercentEncoding ?? query["password"]
        port = components.port ?? query["port"].flatMap(Int.init) ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? username : path
        requireTLS = ["require", "verify-ca", "verify-full"].contains(query["sslmode"] ?? "")
        let hostParameter = query["host"] ?? components.percentEncodedHost?.removingPercentEncoding
        if let hostParameter, hostParameter.hasPrefix("/") {
            socketPath = hostParameter.hasSuffix(".s.PGSQL.\(port)") ? hostParameter : "\(hostParameter)/.s.PGSQL.\(port)"
            host = nil
        } else {
            host = (hostParameter?.isEmpty ?? true) ? "localhost" : hostParameter
            socketPath = nil
        }
    }

    /// The same server, another database.
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    public var clientConfiguration: PostgresClient.Configuration {
        if let socketPath {
            return .init(unixSocketPath: socketPath, username: username, password: password, database: database)
        }
        return .init(
            host: host ?? "localhost", port: port, username: username, password: password, database: database,
            tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
    }

    /// The URL with its password, for handing to another program (never log it).
    public var unmaskedString: String {
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        let credentials = encode(username) + (password.map { ":" + encode($0) } ?? "")
        if let socketPath {
            let directory = URL(fileURLWithPath: socketPath).deletingLastPathComponent().path
            return "postgresql://\(credentials)@/\(encode(database))?host=\(encode(directory))&port=\(port)"
        }
        return "postgresql://\(credentials)@\(host ?? "localhost"):\(port)/\(encode(database))"
            + (requireTLS ? "?sslmode=require" : "")
    }

    /// The URL with the password masked, safe to print or log.
    public var description: String {
        let credentials = password == nil ? username : "\(username):***"
        if let socketPath { return "postgresql://\(credentials)@/\(database)?host=\(socketPath)" }
        return "postgresql://\(credentials)@\(host ?? "localhost"):\(port)/\(database)"
    }
}
