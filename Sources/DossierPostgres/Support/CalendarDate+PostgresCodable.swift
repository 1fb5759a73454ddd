public import DossierCore
public import NIOCore
public import PostgresNIO

/// A ``CalendarDate`` binds to and decodes from a PostgreSQL `date` (binary: days since
/// 2000-01-01), so a date column is written `\(date)` and read as `CalendarDate`, with no
/// text cast and no session time zone involved.
extension CalendarDate: PostgresNonThrowingEncodable, PostgresDecodable {
    /// 2000-01-01, PostgreSQL's day zero, in days since 1970-01-01.
    static let postgresEpoch = 10_957

    public static var psqlType: PostgresDataType { .date }
    public static var psqlFormat: PostgresFormat { .binary }

    public func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeInteger(Int32(clamping: daysSinceEpoch - Self.postgresEpoch))
    }

    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .date else { throw PostgresDecodingError.Code.typeMismatch }
        guard format == .binary, buffer.readableBytes == 4, let days = buffer.readInteger(as: Int32.self),
              days != .max, days != .min   // 'infinity' and '-infinity' are no calendar dates
        else { throw PostgresDecodingError.Code.failure }
        self.init(daysSinceEpoch: Int(days) + Self.postgresEpoch)
    }
}
