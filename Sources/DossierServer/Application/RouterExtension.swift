public import Hummingbird

/// Something `dossier serve` mounts on the router beside `/api/v1`, on the same services:
/// the web console (`DossierConsole`) is one.
///
/// ```swift
/// let app = try buildApplication(configuration: configuration, modules: modules, extensions: [Console()], logger: logger)
/// ```
public protocol RouterExtension: Sendable {
    /// Adds the extension's routes; throwing stops the server from starting.
    func mount(on router: Router<DossierRequestContext>, services: DossierServices, configuration: ServerConfiguration) throws
}
