public import DossierCore
public import PostgresNIO

/// `JSONValue` travels as `jsonb` through PostgresNIO's Codable support.
extension JSONValue: PostgresEncodable, PostgresDecodable {}
