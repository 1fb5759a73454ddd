import ArgumentParser
import DossierCore
import Foundation

/// `dossier module new NAME`.
struct ModuleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "module", abstract: "Start a module of your own.", subcommands: [New.self])

    struct New: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a ready-to-build module package: module, migration, workflow with a timer, route, command and test.",
            discussion: """
                NAME is the module's Swift name in UpperCamelCase (ArtTheft); its id is the kebab-case form \
                (art-theft), its display name the words (Art theft), and its reference prefix the first word when \
                short (ART) or the initials of three words or more, unless --prefix says otherwise. The package \
                depends on Dossier by path: the checkout this dossier was built from, or --dossier; relative when \
                the package is written inside that checkout. `swift test` in the new package builds it and runs \
                its test against a throwaway PostgreSQL; `swift run dossier-ID serve --demo` serves it beside the \
                built-in modules.

                The package has Dossier's layers: the module itself (model, workflow, store, hooks) on DossierCore \
                and DossierPostgres only, then NAMEHTTP (routes) and NAMECLI (commands), and an executable \
                dossier-ID that links all three.

                The guide "Writing a module" (DossierCore's documentation) explains each part.

                Examples:
                  dossier module new ArtTheft
                  dossier module new ArtTheft --path ~/src --prefix ART \\
                      --dossier ~/src/dossier
                """)
        @Argument(help: "The module's name, UpperCamelCase, e.g. ArtTheft.") var name: String
        @Option(help: "The directory to create the package in.") var path = "."
        @Option(help: "The reference prefix: 1 to 8 capital letters (default: from the name).") var prefix: String?
        @Option(help: "The Dossier checkout to depend on (default: the one this dossier was built from).") var dossier: String?

        func run() async throws {
            let directory = URL(fileURLWithPath: path).appending(path: name).standardizedFileURL
            let scaffold = try ModuleScaffold(
                name: name, prefix: prefix, dossierPath: dossier ?? ModuleScaffold.builtFromCheckout, directory: directory,
                registered: DossierCommand.modules)
            try scaffold.write(to: directory)
            print("wrote \(directory.path): module '\(scaffold.id)' (\"\(scaffold.displayName)\", \(scaffold.prefix)-YYYY-NNNNNN), "
                + "depending on Dossier at \(scaffold.dossierPath)")
            print(scaffold.nextStep(in: directory))
        }
    }
}
