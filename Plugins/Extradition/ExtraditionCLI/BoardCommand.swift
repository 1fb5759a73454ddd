import Extradition
import ArgumentParser
import DossierCLI
import DossierCore
import Foundation
import DossierPostgres

/// `dossier extradition board`.
struct BoardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Open deadlines of open extraditions, the nearest first: overdue ones lead.",
        discussion: """
            Each line is a running or expired deadline with its legal basis and whether expiry means the person \
            may or must be released. A "must" deadline that ran out shows an open release task: release the person \
            (`dossier case transition REF release_on_timeout`) or record why they are still lawfully held.

            With --as a registered user, the board holds only the cases that user may see; the local operator \
            sees every case. Timers that are due are fired first, as a server's scheduler would, so a deadline that \
            ran out while no server was running shows as expired, with its release task.

            Examples:
              dossier extradition board
              dossier extradition board --as l.chen --within 14
              dossier extradition board --as l.chen --limit 20 --json
            """)
    @OptionGroup var options: DossierOptions
    @Option(help: "Deadlines to show (1 to 500).") var limit = 100
    @Option(help: ArgumentHelp("Leave out deadlines due more than this many days ahead (0 to 3650); overdue ones always show.", valueName: "days"))
    var within: Int?

    func run() async throws {
        try await options.withSession { session in
            try await session.fireDueTimers()
            // A registered user (--as) sees what they may see; the local operator, who has the
            // database itself, sees every case.
            let entries = if session.actor.agency != nil {
                try await session.extraditions.board(visibleTo: session.actor, limit: limit, withinDays: within)
            } else {
                try await session.extraditions.boardForOperator(limit: limit, withinDays: within)
            }
            let board = BoardLineView.Board(entries, now: session.store.clock.now())
            if session.output.json { return try session.output.printJSON(board) }
            guard !board.entries.isEmpty else { return print("no open extradition has a running deadline") }
            session.output.printTable(BoardLineView.headers, board.entries.map(\.row), wrappingLastColumnAt: 60)
            print("\(board.entries.count) deadlines, \(board.overdue) overdue")
        }
    }
}
