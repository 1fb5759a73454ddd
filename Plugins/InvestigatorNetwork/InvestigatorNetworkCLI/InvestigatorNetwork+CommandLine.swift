public import InvestigatorNetwork
public import ArgumentParser
public import DossierCLI

extension InvestigatorNetwork: CommandLineModule {
    /// `dossier network ...`.
    public var command: any ParsableCommand.Type { NetworkCommand.self }
}
