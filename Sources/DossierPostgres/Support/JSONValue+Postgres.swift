public import DossierCore
public import NIOCore
public import PostgresNIO

/// `JSONValue` binds as `jsonb` through PostgresNIO's Codable support, and decodes from
/// `jsonb` or `json` with its own parser (``JSONValue/init(parsing:)``), the value
/// `JSONDecoder` would give, several times faster.
extension JSONValue: PostgresEncodable, PostgresDecodable {
    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        switch (format, type) {
        case (.binary, .jsonb):
            // Binary jsonb is a version byte, then the JSON text.
            guard buffer.readInteger(as: UInt8.self) == 1 else { throw PostgresDecodingError.Code.failure }
        case (.binary, .json), (.text, .json), (.text, .jsonb):
            break
        default:
            throw PostgresDecodingError.Code.typeMismatch
        }
        do {
            self = try buffer.readableBytesView.withContiguousStorageIfAvailable { try JSONValue(parsing: $0) }
                ?? JSONValue(parsing: Array(buffer.readableBytesView))
        } catch {
            throw PostgresDecodingError.Code.failure
        }
        buffer.moveReaderIndex(to: buffer.writerIndex)
    }
}
