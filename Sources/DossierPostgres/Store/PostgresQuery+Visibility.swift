public import DossierCore
public import PostgresNIO

extension PostgresQuery.StringInterpolation {
    /// The one visibility rule as a SQL condition on a `cases` row: the user is a member of
    /// the case or a supervisor of its owning agency, and the case is classified no higher
    /// than the user's clearance. The system and the local operator
    /// (``Actor/isUnrestricted``) see every case.
    ///
    /// Work lists, boards and searches filter with it in the query itself, so a page, its
    /// count and its cursor only ever come from rows the user may see.
    ///
    /// ```swift
    /// let rows = try await client.query(
    ///     "SELECT c.id FROM cold_cases q JOIN cases c ON c.id = q.case_id WHERE \(casesVisibleTo: actor)", logger: logger)
    /// ```
    /// - Parameter alias: the alias of the `cases` table in the query (`c` by default); an
    ///   identifier the calling code chose, never client input.
    public mutating func appendInterpolation(casesVisibleTo actor: Actor, alias: String = "c") {
        if actor.isUnrestricted {
            appendLiteral("true")
            return
        }
        let clearance = Classification.allCases.filter { $0 <= actor.clearance }.map(\.rawValue)
        // Never NULL: true or false for every row, so the condition can be selected as a
        // column (a visible flag) as safely as it filters.
        appendLiteral("(\(alias).classification = ANY(")
        appendInterpolation(clearance)
        appendLiteral(") AND (EXISTS (SELECT 1 FROM case_members visible_m WHERE visible_m.case_id = \(alias).id AND visible_m.user_id = ")
        appendInterpolation(actor.id)
        appendLiteral(")")
        if actor.roles.contains(.supervisor), let agency = actor.agency {
            appendLiteral(" OR \(alias).owning_agency = ")
            appendInterpolation(agency)
        }
        appendLiteral("))")
    }

    /// The person visibility rule as a SQL condition on a `persons` row: the person appears
    /// in a case the user may see (``appendInterpolation(casesVisibleTo:alias:)``), or was
    /// recorded by a user of the user's agency. The system and the local operator see every person.
    ///
    /// ```swift
    /// "SELECT p.id FROM persons p WHERE p.id = \(id) AND \(personsVisibleTo: actor)"
    /// ```
    public mutating func appendInterpolation(personsVisibleTo actor: Actor, alias: String = "p") {
        if actor.isUnrestricted {
            appendLiteral("true")
            return
        }
        appendLiteral("(coalesce(\(alias).recorded_by_agency = ")
        appendInterpolation(actor.agency)
        appendLiteral("::text, false) OR EXISTS (SELECT 1 FROM case_parties visible_cp JOIN cases visible_c ON visible_c.id = visible_cp.case_id ")
        appendLiteral("WHERE visible_cp.person_id = \(alias).id AND ")
        appendInterpolation(casesVisibleTo: actor, alias: "visible_c")
        appendLiteral("))")
    }
}

