import DossierCore
import Foundation
import Logging
import PostgresNIO

/// Reads instruments on a given connection, so hooks see them inside the core's
/// transaction and the store outside it.
enum Instruments {
    static func load(_ id: String, on connection: PostgresConnection, logger: Logger) async throws -> LegalInstrument? {
        try await load(where: id, on: connection, logger: logger).first
    }

    static func all(on connection: PostgresConnection, logger: Logger) async throws -> [LegalInstrument] {
        try await load(where: nil, on: connection, logger: logger)
    }

    private static func load(where id: String?, on connection: PostgresConnection, logger: Logger) async throws -> [LegalInstrument] {
        var instruments: [LegalInstrument] = []
        let rows = try await connection.query(
            """
            SELECT id, name, parties, citation, has_executive_stage, has_appeal, updated_at, updated_by
            FROM extradition_instruments WHERE \(id)::text IS NULL OR id = \(id) ORDER BY id
            """, logger: logger)
        for try await (id, name, parties, citation, executive, appeal, updatedAt, updatedBy)
            in rows.decode((String, String, String, String, Bool, Bool, Date, String).self)
        {
            instruments.append(LegalInstrument(
                id: id, name: name, parties: parties, citation: citation, hasExecutiveStage: executive, hasAppeal: appeal,
                timers: [], updatedAt: updatedAt, updatedBy: updatedBy))
        }
        guard !instruments.isEmpty else { return [] }
        let index = Dictionary(uniqueKeysWithValues: instruments.enumerated().map { ($1.id, $0) })
        let timers = try await connection.query(
            """
            SELECT instrument_id, timer, value, unit, counting, legal_basis, obligation, started_by, runs_from
            FROM extradition_instrument_timers WHERE \(id)::text IS NULL OR instrument_id = \(id)
            """, logger: logger)
        for try await (instrumentID, timer, value, unit, counting, legalBasis, obligation, startedBy, runsFrom)
            in timers.decode((String, String, Int, String, String, String, String, [String], String).self)
        {
            guard let position = index[instrumentID] else { continue }
            instruments[position].timers.append(InstrumentTimer(
                try ExtraditionTimer.parse(timer, field: "timer"),
                DeadlineDuration(value, try DeadlineDuration.Unit.parse(unit, field: "unit")),
                counting: try CountingRule.parse(counting, field: "counting"), legalBasis: legalBasis,
                obligation: try TimerObligation.parse(obligation, field: "obligation"), startedBy: startedBy,
                runsFrom: try InstrumentTimer.RunsFrom.parse(runsFrom, field: "runs_from")))
        }
        let extensions = try await connection.query(
            """
            SELECT instrument_id, timer, value, unit, legal_basis
            FROM extradition_instrument_extensions WHERE \(id)::text IS NULL OR instrument_id = \(id)
            """, logger: logger)
        let territories = try await connection.query(
            """
            SELECT instrument_id, timer, requesting_state, value, unit, legal_basis
            FROM extradition_instrument_territory_periods WHERE \(id)::text IS NULL OR instrument_id = \(id)
            ORDER BY requesting_state, timer
            """, logger: logger)
        for try await (instrumentID, timer, state, value, unit, legalBasis)
            in territories.decode((String, String, String, Int, String, String).self)
        {
            guard let position = index[instrumentID] else { continue }
            instruments[position].territoryPeriods.append(TerritoryPeriod(
                try ExtraditionTimer.parse(timer, field: "timer"), for: state,
                DeadlineDuration(value, try DeadlineDuration.Unit.parse(unit, field: "unit")), legalBasis: legalBasis))
        }
        for try await (instrumentID, timer, value, unit, legalBasis) in extensions.decode((String, String, Int, String, String).self) {
            guard let position = index[instrumentID] else { continue }
            instruments[position].extensions.append(InstrumentExtension(
                try ExtraditionTimer.parse(timer, field: "timer"),
                by: DeadlineDuration(value, try DeadlineDuration.Unit.parse(unit, field: "unit")), legalBasis: legalBasis))
        }
        let requirements = try await connection.query(
            """
            SELECT instrument_id, transition, kind FROM extradition_document_requirements
            WHERE \(id)::text IS NULL OR instrument_id = \(id) ORDER BY transition, kind
            """, logger: logger)
        for try await (instrumentID, transition, kind) in requirements.decode((String, String, String).self) {
            guard let position = index[instrumentID] else { continue }
            instruments[position].documentRequirements.append(
                DocumentRequirement(transition, try DocumentKind.parse(kind, field: "kind")))
        }
        let order = Dictionary(uniqueKeysWithValues: ExtraditionTimer.allCases.enumerated().map { ($1, $0) })
        let kindOrder = Dictionary(uniqueKeysWithValues: DocumentKind.allCases.enumerated().map { ($1, $0) })
        for position in instruments.indices {
            instruments[position].timers.sort { order[$0.timer, default: 0] < order[$1.timer, default: 0] }
            instruments[position].extensions.sort { order[$0.timer, default: 0] < order[$1.timer, default: 0] }
            instruments[position].documentRequirements.sort {
                ($0.transition, kindOrder[$0.kind, default: 0]) < ($1.transition, kindOrder[$1.kind, default: 0])
            }
        }
        return instruments
    }

    /// Inserts or replaces an instrument with its timers and document requirements.
    static func save(_ instrument: LegalInstrument, by actor: String, at date: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO extradition_instruments (id, name, parties, citation, has_executive_stage, has_appeal, updated_at,
                updated_by)
            VALUES (\(instrument.id), \(instrument.name), \(instrument.parties), \(instrument.citation),
                    \(instrument.hasExecutiveStage), \(instrument.hasAppeal), \(date), \(actor))
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, parties = EXCLUDED.parties, citation = EXCLUDED.citation,
                has_executive_stage = EXCLUDED.has_executive_stage, has_appeal = EXCLUDED.has_appeal,
                updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """, logger: logger)
        try await connection.query(
            "DELETE FROM extradition_instrument_timers WHERE instrument_id = \(instrument.id)", logger: logger)
        for timer in instrument.timers {
            let startedBy = timer.startedBy.isEmpty
                ? timer.timer.defaultStartedBy(hasExecutiveStage: instrument.hasExecutiveStage) : timer.startedBy
            try await connection.query(
                """
                INSERT INTO extradition_instrument_timers (instrument_id, timer, value, unit, counting, legal_basis, obligation,
                    started_by, runs_from)
                VALUES (\(instrument.id), \(timer.timer.rawValue), \(timer.duration.value), \(timer.duration.unit.rawValue),
                        \(timer.counting.rawValue), \(timer.legalBasis), \(timer.obligation.rawValue), \(startedBy),
                        \(timer.runsFrom.rawValue))
                """, logger: logger)
        }
        for period in instrument.territoryPeriods {
            try await connection.query(
                """
                INSERT INTO extradition_instrument_territory_periods (instrument_id, timer, requesting_state, value, unit,
                    legal_basis)
                VALUES (\(instrument.id), \(period.timer.rawValue), \(period.requestingState), \(period.duration.value),
                        \(period.duration.unit.rawValue), \(period.legalBasis))
                """, logger: logger)
        }
        for rule in instrument.extensions {
            try await connection.query(
                """
                INSERT INTO extradition_instrument_extensions (instrument_id, timer, value, unit, legal_basis)
                VALUES (\(instrument.id), \(rule.timer.rawValue), \(rule.duration.value), \(rule.duration.unit.rawValue),
                        \(rule.legalBasis))
                """, logger: logger)
        }
        try await connection.query(
            "DELETE FROM extradition_document_requirements WHERE instrument_id = \(instrument.id)", logger: logger)
        for requirement in Set(instrument.documentRequirements) {
            try await connection.query(
                """
                INSERT INTO extradition_document_requirements (instrument_id, transition, kind)
                VALUES (\(instrument.id), \(requirement.transition), \(requirement.kind.rawValue))
                """, logger: logger)
        }
    }
}
