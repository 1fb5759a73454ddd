import Foundation

/// A POSIX ustar archive of a few small files, so a download carries a disclosure's log
/// and its manifest together; `tar -xf` (GNU, BSD, Windows' bsdtar) reads it.
struct TarArchive {
    private(set) var bytes: [UInt8] = []

    /// Adds a regular file; `name` is at most 100 bytes, without a directory.
    mutating func add(name: String, contents: [UInt8], modified: Date) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits
        }
        put(name, at: 0, width: 100)
        put(octal(0o600, width: 8), at: 100, width: 7)              // mode
        put(octal(0, width: 8), at: 108, width: 7)                  // uid
        put(octal(0, width: 8), at: 116, width: 7)                  // gid
        put(octal(contents.count, width: 12), at: 124, width: 11)   // size
        put(octal(max(0, Int(modified.timeIntervalSince1970)), width: 12), at: 136, width: 11)
        put("        ", at: 148, width: 8)                          // the checksum counts itself as spaces
        header[156] = UInt8(ascii: "0")                             // a regular file
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7), at: 148, width: 6)
        header[154] = 0
        header[155] = UInt8(ascii: " ")
        bytes += header
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
    }

    /// The archive with its end marker (two empty blocks).
    var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }
}
