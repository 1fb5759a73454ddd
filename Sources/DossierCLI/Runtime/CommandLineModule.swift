public import ArgumentParser
public import DossierCore

/// A module that adds a command group to `dossier`, named by its id:
/// `dossier cold-cases queue`.
///
/// The group's commands include `@OptionGroup var options: DossierOptions` and do their
/// work in `options.withSession { session in ... }`, which connects to the database (the
/// embedded cluster by default), migrates it, and names the acting user.
///
/// ```swift
/// extension ColdCases: CommandLineModule {
///     var command: any ParsableCommand.Type { ColdCasesCommand.self }
/// }
/// ```
public protocol CommandLineModule: CaseModule {
    /// A command whose `commandName` is the module's id, with the module's subcommands.
    var command: any ParsableCommand.Type { get }
}
