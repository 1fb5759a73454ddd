import Foundation
import Testing

/// Every code sample in the "Writing a module" article is a piece of the compiled example
/// module, so the guide cannot drift from code that builds.
@Suite struct WritingAModuleGuideTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Lines without their indentation and blank lines, for comparing excerpts.
    static func normalised(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func samples(in article: String) -> [String] {
        let parts = article.components(separatedBy: "```swift\n")
        return parts.dropFirst().compactMap { $0.components(separatedBy: "```").first }
    }

    @Test func everySampleIsInTheExampleModule() throws {
        let article = try String(
            contentsOf: Self.root.appending(path: "Sources/DossierCore/DossierCore.docc/WritingAModule.md"), encoding: .utf8)
        let example = Self.root.appending(path: "examples/TraffickingCases")
        let files = try FileManager.default.subpathsOfDirectory(atPath: example.path)
            .filter { ($0.hasSuffix(".swift")) && !$0.hasPrefix(".build") }
            .map { try String(contentsOf: example.appending(path: $0), encoding: .utf8) }
            .map(Self.normalised)
        let samples = Self.samples(in: article)
        #expect(samples.count >= 10)
        for sample in samples {
            let lines = Self.normalised(sample)
            let found = files.contains { file in
                file.indices.contains { start in
                    start + lines.count <= file.count && Array(file[start..<(start + lines.count)]) == lines
                }
            }
            #expect(found, "not in examples/TraffickingCases:\n\(sample)")
        }
    }
}
