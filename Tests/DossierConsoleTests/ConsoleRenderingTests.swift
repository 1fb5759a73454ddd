@testable import DossierConsole
import Foundation
import Testing

/// What every page's values go through on their way into a template.
@Suite struct ConsoleRenderingTests {
    @Test("the five HTML characters become entities, byte by byte; other text passes as it is", arguments: [
        ("plain text, ünïcode and 日本語", "plain text, ünïcode and 日本語"),
        (#"<script>alert("x" & 'y')</script>"#, "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"),
        ("<\u{0301}b>", "&lt;\u{0301}b&gt;"),   // a combining mark does not hide the bracket
        ("", ""),
    ])
    func escapes(input: String, expected: String) {
        #expect(HTMLEscaping.escaped(input) == expected)
    }

    @Test("a rendered template escapes its values with it, and a nil is left out, not written")
    func renders() throws {
        let renderer = try ConsoleRenderer(
            files: ["templates/t.mustache": Data("<p title=\"{{title}}\">{{body}}{{#gone}}GONE{{/gone}}{{^gone}} none{{/gone}}</p>".utf8)],
            modules: [])
        let gone: String? = nil
        let html = renderer.render("t", ["title": ("a \"quoted\" title" as String?) as Any, "body": "<b>", "gone": gone as Any]).text
        #expect(html == "<p title=\"a &quot;quoted&quot; title\">&lt;b&gt; none</p>")
    }

    @Test("numbers are grouped by threes whatever the server's locale", arguments: [
        (0, "0"), (999, "999"), (1_000, "1,000"), (1_234_567, "1,234,567"), (-45_000, "-45,000"),
    ])
    func groupsNumbers(value: Int, expected: String) {
        #expect(ConsoleFormat.number(value) == expected)
    }
}
