public import ColdCases
public import ArgumentParser
public import DossierCLI

extension ColdCases: CommandLineModule {
    /// `dossier cold-cases ...`.
    public var command: any ParsableCommand.Type { ColdCasesCommand.self }
}
