import ArgumentParser
import ColdCases
import ColdCasesCLI
import DossierCLI
import Extradition
import ExtraditionCLI
import InvestigatorNetwork
import InvestigatorNetworkCLI
import SurveillanceLogs
import SurveillanceLogsCLI
import Testing

/// Help text is read in an 80-column terminal: an example that wraps breaks mid-command,
/// and a copied line no longer runs.
@Suite struct HelpTextTests {
    /// Every command of the tree, with the path that names it.
    static func commands() -> [(path: String, command: any ParsableCommand.Type)] {
        DossierCommand.modules = [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()]
        var found: [(String, any ParsableCommand.Type)] = []
        func walk(_ command: any ParsableCommand.Type, path: String) {
            found.append((path, command))
            for sub in command.configuration.subcommands { walk(sub, path: path + " " + sub._commandName) }
        }
        walk(DossierCommand.self, path: "dossier")
        return found
    }

    @Test func everyExampleLineFitsAnEightyColumnTerminal() {
        let commands = Self.commands()
        #expect(commands.count > 60, "the whole tree, modules included")
        for (path, command) in commands {
            let discussion = command.configuration.discussion
            for line in discussion.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("  ") {
                #expect(line.count <= 78, "\(path): \(line.count) columns, wraps: \(line)")
            }
            #expect(!discussion.contains("  \n") && !discussion.contains(" \n"), "\(path): a stray gap before a line end")
        }
    }

    @Test func everyCommandHasAnAbstractAndEveryLeafAnExample() {
        for (path, command) in Self.commands() {
            let configuration = command.configuration
            #expect(!configuration.abstract.isEmpty, "\(path) has no abstract")
            if configuration.subcommands.isEmpty {
                #expect(configuration.discussion.contains("dossier "), "\(path) --help shows no example")
            }
        }
    }
}
