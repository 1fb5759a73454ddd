import DossierCore

/// `date` columns travel as `YYYY-MM-DD` text: bound as text and cast with `::date`, read
/// back with `to_char(column, 'YYYY-MM-DD')`, so no session time zone is involved.
enum SQLDate {
    static func text(_ date: CalendarDate?) -> String? { date?.description }

    static func date(_ text: String?, field: String) throws -> CalendarDate? {
        try text.map { text throws(DossierError) in try CalendarDate(parsing: text) }
    }
}
