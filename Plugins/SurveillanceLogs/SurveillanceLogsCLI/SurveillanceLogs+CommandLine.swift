public import SurveillanceLogs
public import ArgumentParser
public import DossierCLI

extension SurveillanceLogs: CommandLineModule {
    /// `dossier surveillance ...`.
    public var command: any ParsableCommand.Type { SurveillanceCommand.self }
}
