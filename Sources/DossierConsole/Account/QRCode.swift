import Foundation

/// A QR code (ISO/IEC 18004) for a short text, drawn server-side, so a phone's
/// authenticator app can scan the second factor's key instead of having it typed.
///
/// Byte mode, error correction level M, versions 1 to 10 (up to 213 bytes): enough for an
/// `otpauth://` address. The mask is chosen by the standard's penalty rules unless given.
/// Follows the structure of Project Nayuki's reference encoder.
struct QRCode {
    /// Modules per side.
    let size: Int
    let version: Int
    private(set) var mask: Int
    /// Row-major, true for a dark module.
    private(set) var modules: [Bool]
    private var isFunction: [Bool]

    /// The code for `text`, or nil when it is longer than version 10 holds.
    init?(_ text: String, mask forcedMask: Int? = nil) {
        let data = Array(text.utf8)
        guard let version = (1...10).first(where: { data.count <= Self.dataCapacity(version: $0) - ($0 < 10 ? 2 : 3) }) else { return nil }
        self.version = version
        size = version * 4 + 17
        modules = Array(repeating: false, count: size * size)
        isFunction = modules
        mask = 0
        drawFunctionPatterns()
        drawCodewords(Self.interleaved(Self.dataCodewords(data, version: version), version: version))
        var chosen = forcedMask ?? 0
        if forcedMask == nil {
            var lowest = Int.max
            for candidate in 0..<8 {
                applyMask(candidate)
                drawFormatBits(mask: candidate)
                let penalty = penaltyScore()
                if penalty < lowest { (lowest, chosen) = (penalty, candidate) }
                applyMask(candidate)   // undo: the mask is its own inverse
            }
        }
        mask = chosen
        applyMask(chosen)
        drawFormatBits(mask: chosen)
    }

    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The code as SVG: one path of dark squares on a light ground, with a quiet zone of
    /// four modules, drawn with presentation attributes (no `style`, which the CSP forbids).
    func svg(title: String) -> String {
        var path = ""
        for y in 0..<size {
            for x in 0..<size where isDark(x: x, y: y) { path += "M\(x + 4),\(y + 4)h1v1h-1z" }
        }
        let side = size + 8
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 5)" height="\(side * 5)" \
            role="img" aria-label="\(Self.escaped(title))" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    // MARK: Capacity and codewords (level M)

    /// Error-correction codewords per block and blocks, level M, versions 1 to 10.
    static let eccPerBlock = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
    static let blocks = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5]

    /// Modules that carry data or error correction (all but the function patterns).
    static func rawDataModules(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCapacity(version: Int) -> Int {
        rawDataModules(version: version) / 8 - eccPerBlock[version - 1] * blocks[version - 1]
    }

    /// Mode, length, the bytes, terminator and padding, as codewords.
    static func dataCodewords(_ data: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(data.count, version < 10 ? 8 : 16)
        for byte in data { append(Int(byte), 8) }
        let capacity = dataCapacity(version: version) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacity {
            append(pad, 8)
            pad ^= 0xEC ^ 0x11
        }
        return stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
    }

    /// The data split into blocks, each with its Reed-Solomon codewords, interleaved.
    static func interleaved(_ data: [UInt8], version: Int) -> [UInt8] {
        let count = blocks[version - 1], ecc = eccPerBlock[version - 1]
        let raw = rawDataModules(version: version) / 8
        let shortBlocks = count - raw % count
        let shortLength = raw / count
        let divisor = reedSolomonDivisor(degree: ecc)
        var split: [[UInt8]] = []
        var offset = 0
        for index in 0..<count {
            let length = shortLength - ecc + (index < shortBlocks ? 0 : 1)
            var block = Array(data[offset..<offset + length])
            offset += length
            let remainder = reedSolomonRemainder(block, divisor: divisor)
            if index < shortBlocks { block.append(0) }   // a placeholder, skipped below
            split.append(block + remainder)
        }
        var result: [UInt8] = []
        for column in 0..<split[0].count {
            for (index, block) in split.enumerated() where column != shortLength - ecc || index >= shortBlocks {
                result.append(block[column])
            }
        }
        return result
    }

    static func reedSolomonDivisor(degree: Int) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func reedSolomonRemainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = Array(repeating: UInt8(0), count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }

    /// Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1.
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> i) & 1) * Int(x)
        }
        return UInt8(z)
    }

    // MARK: Drawing

    private mutating func set(_ x: Int, _ y: Int, _ dark: Bool, function: Bool = true) {
        modules[y * size + x] = dark
        if function { isFunction[y * size + x] = true }
    }

    private mutating func drawFunctionPatterns() {
        for i in 0..<size {
            set(6, i, i % 2 == 0)
            set(i, 6, i % 2 == 0)
        }
        drawFinder(3, 3)
        drawFinder(size - 4, 3)
        drawFinder(3, size - 4)
        let positions = alignmentPositions()
        for (i, x) in positions.enumerated() {
            for (j, y) in positions.enumerated() {
                let nearFinder = (i == 0 && j == 0) || (i == 0 && j == positions.count - 1) || (i == positions.count - 1 && j == 0)
                if !nearFinder { drawAlignment(x, y) }
            }
        }
        drawFormatBits(mask: 0)   // reserves the format areas; drawn for real after masking
        drawVersion()
    }

    private mutating func drawFinder(_ x: Int, _ y: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let distance = max(abs(dx), abs(dy))
                let (px, py) = (x + dx, y + dy)
                if (0..<size).contains(px), (0..<size).contains(py) { set(px, py, distance != 2 && distance != 4) }
            }
        }
    }

    private mutating func drawAlignment(_ x: Int, _ y: Int) {
        for dy in -2...2 { for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) } }
    }

    private func alignmentPositions() -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var result = [6]
        var position = size - 7
        var tail: [Int] = []
        for _ in 0..<(count - 1) {
            tail.insert(position, at: 0)
            position -= step
        }
        result += tail
        return result
    }

    private mutating func drawFormatBits(mask: Int) {
        let data = (0 << 3) | mask   // level M's format bits are 00
        var remainder = data
        for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
        let bits = (data << 10 | remainder) ^ 0x5412
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
        for i in 0...5 { set(8, i, bit(i)) }
        set(8, 7, bit(6))
        set(8, 8, bit(7))
        set(7, 8, bit(8))
        for i in 9..<15 { set(14 - i, 8, bit(i)) }
        for i in 0..<8 { set(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { set(8, size - 15 + i, bit(i)) }
        set(8, size - 8, true)   // the dark module
    }

    private mutating func drawVersion() {
        guard version >= 7 else { return }
        var remainder = version
        for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
        let bits = version << 12 | remainder
        for i in 0..<18 {
            let dark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3, b = i / 3
            set(a, b, dark)
            set(b, a, dark)
        }
    }

    /// The codewords in the standard's zigzag, two columns at a time from the right.
    private mutating func drawCodewords(_ codewords: [UInt8]) {
        var index = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for vertical in 0..<size {
                for j in 0..<2 {
                    let x = right - j
                    let upward = (right + 1) & 2 == 0
                    let y = upward ? size - 1 - vertical : vertical
                    guard !isFunction[y * size + x] else { continue }
                    if index < codewords.count * 8 {
                        modules[y * size + x] = (codewords[index >> 3] >> (7 - UInt8(index & 7))) & 1 == 1
                        index += 1
                    }
                }
            }
            right -= 2
        }
    }

    /// Flips every data module the mask pattern selects; applying it twice undoes it.
    private mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] {
                let flip = switch mask {
                case 0: (x + y) % 2 == 0
                case 1: y % 2 == 0
                case 2: x % 3 == 0
                case 3: (x + y) % 3 == 0
                case 4: (x / 3 + y / 2) % 2 == 0
                case 5: x * y % 2 + x * y % 3 == 0
                case 6: (x * y % 2 + x * y % 3) % 2 == 0
                default: ((x + y) % 2 + x * y % 3) % 2 == 0
                }
                if flip { modules[y * size + x].toggle() }
            }
        }
    }

    // MARK: The penalty rules (ISO/IEC 18004 §7.8.3)

    private func penaltyScore() -> Int {
        var result = 0
        for horizontal in [true, false] {
            for line in 0..<size {
                let values = (0..<size).map { horizontal ? isDark(x: $0, y: line) : isDark(x: line, y: $0) }
                result += runPenalty(values)
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let color = isDark(x: x, y: y)
                if color == isDark(x: x + 1, y: y) && color == isDark(x: x, y: y + 1) && color == isDark(x: x + 1, y: y + 1) { result += 3 }
            }
        }
        let dark = modules.filter { $0 }.count
        let total = size * size
        result += ((abs(dark * 20 - total * 10) + total - 1) / total - 1) * 10
        return result
    }

    /// Rule 1 (runs of five or more) and rule 3 (finder-like patterns) along one line.
    private func runPenalty(_ values: [Bool]) -> Int {
        var result = 0
        var runColor = false
        var runLength = 0
        var history = Array(repeating: 0, count: 7)
        func pushHistory(_ length: Int) {
            var length = length
            if history[0] == 0 { length += size }   // the light border before the line
            history.removeLast()
            history.insert(length, at: 0)
        }
        func finderLike() -> Int {
            let n = history[1]
            let core = n > 0 && history[2] == n && history[3] == n * 3 && history[4] == n && history[5] == n
            return (core && history[0] >= n * 4 && history[6] >= n ? 1 : 0) + (core && history[6] >= n * 4 && history[0] >= n ? 1 : 0)
        }
        for value in values {
            if value == runColor {
                runLength += 1
                if runLength == 5 { result += 3 } else if runLength > 5 { result += 1 }
            } else {
                pushHistory(runLength)
                if !runColor { result += finderLike() * 40 }
                runColor = value
                runLength = 1
            }
        }
        // The line ends in the light border.
        if runColor {
            pushHistory(runLength)
            runLength = 0
        }
        runLength += size
        pushHistory(runLength)
        result += finderLike() * 40
        return result
    }
}
