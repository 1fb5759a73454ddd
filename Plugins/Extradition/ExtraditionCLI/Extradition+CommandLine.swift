public import Extradition
public import ArgumentParser
public import DossierCLI

extension Extradition: CommandLineModule {
    /// `dossier extradition ...`.
    public var command: any ParsableCommand.Type { ExtraditionCommand.self }
}
