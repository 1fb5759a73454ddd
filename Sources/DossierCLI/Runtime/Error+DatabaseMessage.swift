import PostgresNIO

extension Error {
    /// What the database said, rather than PostgresNIO's deliberately vague description.
    var databaseMessage: String {
        if let error = self as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(self)"
    }
}
