public import Logging
public import PostgresNIO
import Foundation

/// The privileges of the PostgreSQL role the server runs as: enough to serve, not enough
/// to rewrite history.
///
/// Migrations run as the schema's owner; the server connects as another role, granted by
/// ``grant(to:on:logger:)`` after every migration: read and write on the working tables,
/// only SELECT and INSERT on the append-only ones (the case event chains, the access log,
/// the admin log, every module table guarded by `dossier_reject_change()` or a trigger
/// function named `*_append_only`), only SELECT on `schema_migrations`. Without superuser
/// it cannot set `session_replication_role` to silence the append-only triggers either.
public enum ApplicationRole {
    /// Tables the server may read and append to, but never update, delete or truncate.
    public static func appendOnlyTables(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let rows = try await connection.query(
            """
            SELECT DISTINCT c.relname FROM pg_trigger t
            JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND n.nspname = 'public'
              AND (p.proname = 'dossier_reject_change' OR p.proname LIKE '%append_only')
            UNION SELECT 'access_log'
            ORDER BY 1
            """, logger: logger)
        var tables: [String] = []
        for try await name in rows.decode(String.self) { tables.append(name) }
        return tables
    }

    /// Grants `role` what the server needs on every table of the current schema, and takes
    /// back UPDATE, DELETE and TRUNCATE on the append-only ones. Idempotent; run as the
    /// owner after migrating.
    public static func grant(to role: String, on connection: PostgresConnection, logger: Logger) async throws {
        let quoted = Self.quoted(role)
        let appendOnly = try await appendOnlyTables(on: connection, logger: logger)
        var statements = [
            "GRANT USAGE ON SCHEMA public TO \(quoted)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(quoted)",
            "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO \(quoted)",
            "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM \(quoted)",
            "REVOKE INSERT, UPDATE, DELETE ON schema_migrations FROM \(quoted)",
        ]
        statements.append("REVOKE CREATE ON SCHEMA public FROM \(quoted)")
        for table in appendOnly {
            statements.append("REVOKE UPDATE, DELETE ON public.\(Self.quoted(table)) FROM \(quoted)")
        }
        for statement in statements {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// An identifier as SQL writes it: in double quotes, a double quote doubled.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// What makes the connected role unfit to serve: superuser, replication, or the right
    /// to update or delete an append-only table. Empty when it is fit.
    public static func excessPrivileges(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        var problems: [String] = []
        let rows = try await connection.query(
            "SELECT current_user::text, rolsuper, rolreplication, rolbypassrls FROM pg_roles WHERE rolname = current_user",
            logger: logger)
        for try await (name, superuser, replication, bypassesSecurity) in rows.decode((String, Bool, Bool, Bool).self) {
            if superuser { problems.append("\(name) is a superuser") }
            if replication { problems.append("\(name) has the replication attribute") }
            if bypassesSecurity { problems.append("\(name) bypasses row-level security") }
        }
        for table in try await appendOnlyTables(on: connection, logger: logger) {
            let granted = try await connection.query(
                """
                SELECT has_table_privilege(current_user, 'public.' || quote_ident(\(table)), 'UPDATE')
                    OR has_table_privilege(current_user, 'public.' || quote_ident(\(table)), 'DELETE')
                """, logger: logger)
            for try await mayChange in granted.decode(Bool.self) where mayChange {
                problems.append("it may update or delete \(table)")
            }
        }
        return problems
    }

    /// Creates the login role `role` when it does not exist (no superuser, no replication,
    /// no role or database creation) and sets its password: the role the server connects
    /// as. Run as a superuser or a role with CREATEROLE.
    public static func ensureLoginRole(_ role: String, password: String, on connection: PostgresConnection, logger: Logger) async throws {
        let statements = try await connection.query(
            """
            SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION', \(role))
            WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = \(role))
            UNION ALL SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOREPLICATION PASSWORD %L', \(role), \(password))
            """, logger: logger)
        var sql: [String] = []
        for try await statement in statements.decode(String.self) { sql.append(statement) }
        for statement in sql { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
    }
}
