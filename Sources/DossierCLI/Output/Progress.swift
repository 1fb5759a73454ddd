import DossierPostgres
import Foundation

/// A one-line progress counter on standard error, drawn only on a terminal so that piped
/// output stays clean.
public struct Progress: Sendable {
    let label: String
    let total: Int
    let enabled: Bool

    public init(_ label: String, total: Int) {
        self.label = label
        self.total = total
        self.enabled = Output.isInteractive
    }

    public func update(_ done: Int) {
        guard enabled, done == total || done % max(1, total / 200) == 0 else { return }
        let percent = total == 0 ? 100 : done * 100 / total
        FileHandle.standardError.write(Data("\r\(label): \(done)/\(total) (\(percent)%)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

extension Progress {
    /// Demo loaders' progress, drawn as this line.
    static let factory: DemoProgress.Factory = { label, total in
        let progress = Progress(label, total: total)
        return DemoProgress { progress.update($0) }
    }
}
