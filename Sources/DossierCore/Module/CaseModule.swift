/// A module: what a plugin contributes to Dossier.
///
/// A module is a value registered statically by the executable; the registry checks the
/// whole set at start-up. Hooks, routes, CLI commands and jobs are declared through
/// protocols the store, server and CLI targets define (`HookModule`, `HTTPModule`,
/// `CommandLineModule`, `BackgroundJobModule`), so this target stays free of I/O.
///
/// ```swift
/// struct ColdCases: CaseModule {
///     let id = "cold-cases"
///     let name = "Cold cases"
///     let version = SemanticVersion(1, 0, 0)
///     let referencePrefix = "COLD"
///     var migrations: [Migration] { EmbeddedMigrations.migrations(for: id) }
///     var caseTypes: [CaseType] { [coldCase] }
/// }
/// ```
public protocol CaseModule: Sendable {
    /// Kebab-case, unique, also the module's migrations folder: `cold-cases`.
    var id: String { get }
    var name: String { get }
    var version: SemanticVersion { get }
    /// The core version the module was built against; the registry refuses a module built
    /// for an incompatible core.
    var coreVersion: SemanticVersion { get }
    /// Ids of modules that must be registered (and migrated) before this one.
    var dependencies: [String] { get }
    /// Upper-case letters for case references: `COLD` makes `COLD-2026-000001`. Required
    /// of a module with case types; a module without any (a directory) leaves it empty.
    var referencePrefix: String { get }
    var migrations: [Migration] { get }
    var caseTypes: [CaseType] { get }
}

extension CaseModule {
    public var coreVersion: SemanticVersion { DossierCoreInfo.version }
    public var dependencies: [String] { [] }
    public var referencePrefix: String { "" }
    public var migrations: [Migration] { [] }
    public var caseTypes: [CaseType] { [] }
}

/// The version of this core, which modules declare compatibility with.
public enum DossierCoreInfo {
    public static let version = SemanticVersion(0, 1, 0)
}

public struct SemanticVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// Whether a module built against `builtFor` runs on this core: same major version
    /// (same minor while the major is 0), and not newer than this core.
    public func canRun(moduleBuiltFor builtFor: SemanticVersion) -> Bool {
        guard builtFor.major == major, builtFor <= self else { return false }
        return major > 0 || builtFor.minor == minor
    }
}
