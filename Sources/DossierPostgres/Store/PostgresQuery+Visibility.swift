public import DossierCore
public import PostgresNIO

extension SQLFragment {
    /// The one visibility rule as a SQL condition on a `cases` row: the user is a member of
    /// the case or a supervisor of its owning agency, and the case is classified no higher
    /// than the user's clearance. The system and the local operator
    /// (``Actor/isUnrestricted``) see every case. Never NULL: true or false for every row, so
    /// it can be selected as a column (a visible flag) as safely as it filters.
    ///
    /// Every query that shows cases, or what belongs to them, filters with it in the query
    /// itself, so a page, its count and its cursor only ever come from rows the user may see.
    ///
    /// ```swift
    /// let rows = try await client.query(
    ///     "SELECT c.id FROM cold_cases q JOIN cases c ON c.id = q.case_id WHERE \(casesVisibleTo: actor)", logger: logger)
    /// ```
    /// - Parameter alias: the alias of the `cases` table in the query (`c` by default); an
    ///   identifier the calling code chose, never client input.
    public static func casesVisible(to actor: Actor, alias: String = "c") -> SQLFragment {
        guard !actor.isUnrestricted else { return "true" }
        let clearance = Classification.allCases.filter { $0 <= actor.clearance }.map(\.rawValue)
        // The top clearance reads every classification (the column's check allows no
        // other): saying nothing of it leaves the planner the indexes that page by filter,
        // where a condition true of every row misleads its estimates.
        let classification: SQLFragment = clearance.count == Classification.allCases.count
            ? "true" : "\(unescaped: alias).classification = ANY(\(clearance))"
        // The agency comparison comes first: PostgreSQL stops at the first true arm of an OR,
        // so a supervisor's own cases need no membership probe.
        var rule: SQLFragment = "(\(classification) AND ("
        if actor.roles.contains(.supervisor), let agency = actor.agency {
            rule += "\(unescaped: alias).owning_agency = \(agency) OR "
        }
        return rule + """
            EXISTS (SELECT 1 FROM case_members visible_m WHERE visible_m.case_id = \(unescaped: alias).id \
            AND visible_m.user_id = \(actor.id))))
            """
    }

    /// The person visibility rule as a SQL condition on a `persons` row: the person appears
    /// in a case the user may see (``casesVisible(to:alias:)``), or was recorded by a user of
    /// the user's agency. The system and the local operator see every person.
    ///
    /// ```swift
    /// "SELECT p.id FROM persons p WHERE p.id = \(id) AND \(personsVisibleTo: actor)"
    /// ```
    public static func personsVisible(to actor: Actor, alias: String = "p") -> SQLFragment {
        guard !actor.isUnrestricted else { return "true" }
        return """
            (coalesce(\(unescaped: alias).recorded_by_agency = \(actor.agency)::text, false) OR EXISTS (SELECT 1 \
            FROM case_parties visible_cp JOIN cases visible_c ON visible_c.id = visible_cp.case_id \
            WHERE visible_cp.person_id = \(unescaped: alias).id AND \(casesVisible(to: actor, alias: "visible_c"))))
            """
    }
}

extension PostgresQuery.StringInterpolation {
    /// ``SQLFragment/casesVisible(to:alias:)``, the one case visibility rule, in a query.
    public mutating func appendInterpolation(casesVisibleTo actor: Actor, alias: String = "c") {
        appendInterpolation(SQLFragment.casesVisible(to: actor, alias: alias))
    }

    /// ``SQLFragment/personsVisible(to:alias:)``, the one person visibility rule, in a query.
    public mutating func appendInterpolation(personsVisibleTo actor: Actor, alias: String = "p") {
        appendInterpolation(SQLFragment.personsVisible(to: actor, alias: alias))
    }
}

extension SQLFragment.StringInterpolation {
    /// ``SQLFragment/casesVisible(to:alias:)`` in a fragment.
    public mutating func appendInterpolation(casesVisibleTo actor: Actor, alias: String = "c") {
        appendInterpolation(SQLFragment.casesVisible(to: actor, alias: alias))
    }
}
