public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a file readable by its owner only (0600), never over an existing file, and
/// flushed to disk before returning: disclosure exports, signing keys and checkpoints are
/// not left for every local user, nor half-written after a crash.
public enum PrivateFile {
    public static func write(_ data: Data, to url: URL) throws {
        let handle = try create(url)
        try handle.write(contentsOf: data)
        try handle.synchronize()
        try handle.close()
    }

    /// A new file (it must not exist) that only the owner may read or write, open for writing.
    public static func create(_ url: URL) throws -> FileHandle {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DossierError.invalidInput("cannot create '\(url.path)': \(String(cString: strerror(errno)).lowercased())")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
