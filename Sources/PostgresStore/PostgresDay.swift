import PostgresNIO
import TrustCore

/// A `LocalDate` as a PostgreSQL `DATE`, in binary form (days since 2000-01-01), so that days
/// round-trip exactly whatever the server's `DateStyle` or time zone.
struct PostgresDay: PostgresNonThrowingEncodable, PostgresDecodable, Sendable {
    /// The day.
    var date: LocalDate

    /// Day number of 2000-01-01, PostgreSQL's epoch for dates.
    private static let epoch = 10_957

    init(_ date: LocalDate) {
        self.date = date
    }

    static var psqlType: PostgresDataType { .date }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(Int32(truncatingIfNeeded: date.dayNumber - Self.epoch))
    }

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        switch (format, type) {
        case (.binary, .date):
            guard buffer.readableBytes == 4, let days = buffer.readInteger(as: Int32.self) else {
                throw PostgresDecodingError.Code.failure
            }
            self.date = LocalDate(dayNumber: Int(days) + Self.epoch)
        case (.text, .date), (.text, .text), (.binary, .text), (.binary, .varchar):
            guard let text = buffer.readString(length: buffer.readableBytes), let date = LocalDate(iso: text) else {
                throw PostgresDecodingError.Code.failure
            }
            self.date = date
        default:
            throw PostgresDecodingError.Code.typeMismatch
        }
    }
}

extension LocalDate {
    /// This day as a bindable `DATE`.
    var postgres: PostgresDay { PostgresDay(self) }
}
