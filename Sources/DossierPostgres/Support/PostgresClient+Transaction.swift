import DossierCore
public import Logging
public import PostgresNIO

extension PostgresClient {
    /// Runs `body` in a transaction; commits when it returns, rolls back when it throws,
    /// and rethrows the body's own error (not PostgresNIO's wrapper), mapped to a
    /// ``DossierError`` where the SQLSTATE has a meaning for users.
    public func transaction<Result: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw (error.closureError ?? error.commitError ?? error.beginError ?? error).mappedToDossierError
        } catch {
            throw error.mappedToDossierError
        }
    }
}

extension Error {
    /// SQLSTATEs that carry a user-facing meaning, as domain errors; anything else as is.
    ///
    /// A data exception (SQLSTATE class 22: a NUL character, invalid UTF-8, a number or a
    /// date out of range) means the client sent a value the database cannot take: it is
    /// invalid input, never a server error. Validation at the edge names the field; this
    /// is the safety net behind it.
    public var mappedToDossierError: any Error {
        guard let error = self as? PSQLError, let code = error.serverInfo?[.sqlState] else { return self }
        let detail = error.serverInfo?[.constraintName].map { " (\($0))" } ?? ""
        switch code {
        case PostgresError.Code.uniqueViolation.raw:
            return DossierError(.alreadyExists, "that value already exists\(detail)")
        case PostgresError.Code.foreignKeyViolation.raw:
            return DossierError.notFound("a referenced object does not exist\(detail)")
        case PostgresError.Code.checkViolation.raw:
            return DossierError.invalidInput("a value is outside what is allowed\(detail)")
        case "22021", "22P05":   // character_not_in_repertoire, untranslatable_character
            return DossierError.invalidInput("text must not contain NUL characters (U+0000) or invalid UTF-8")
        case let code where code.hasPrefix("22"):
            return DossierError.invalidInput("a value is malformed or out of the range allowed")
        default:
            return self
        }
    }
}
