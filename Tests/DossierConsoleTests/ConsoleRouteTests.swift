import DossierConsole
import DossierCore
import DossierPostgres
import DossierServer
import DossierTesting
import Foundation
import HTTPTypes
import Logging
import PostgresNIO
import Testing

@Suite("Console: routes, navigation and the module contract", .serialized)
struct ConsoleRouteTests {
    static let registry = try! ModuleRegistry([ConsoleTestModule()])

    static func services() -> DossierServices {
        let client = PostgresClient(
            configuration: .init(host: "localhost", username: "unused", password: nil, database: nil, tls: .disable),
            backgroundLogger: Logger(label: "test"))
        return DossierServices(client: client, registry: registry, logger: Logger(label: "test"))
    }

    @Test("every navigation link has a GET route, and only the sign-in form and assets are open to anyone")
    func everyLinkHasARoute() throws {
        let routes = try Console.routeTable(services: Self.services())
        let modules = Self.registry.modules.compactMap { $0 as? any ConsoleModule }
        for entry in Console.navigationEntries(registry: modules) {
            #expect(routes.contains { $0.method == "GET" && $0.path == entry.path }, "no route for the link \(entry.title)")
        }
        let open = routes.filter { $0.access == .anyone }.map { "\($0.method) \($0.path)" }.sorted()
        #expect(open == ["GET assets/{file}", "GET sign-in", "POST sign-in"])
        #expect(routes.contains { $0.path == "inquiry/overview" && $0.access == .roles([.supervisor]) }, "the module's page, below its id")
    }

    @Test("a module's page is reachable by its role only, and its navigation entry shows to that role only")
    func modulePages() async throws {
        try await withConsole(passwords: ["sam", "ivy"]) { browser, _ in
            var supervisor = browser
            try await supervisor.signIn("sam")
            let page = try await supervisor.get("/console/inquiry/overview")
            #expect(page.status == .ok)
            #expect(page.body.contains("Inquiry panel for all"))
            #expect(page.body.contains("href=\"/console/inquiry/overview\""))
            var investigator = Browser(browser.client)
            try await investigator.signIn("ivy")
            #expect(try await investigator.get("/console/inquiry/overview").status == .forbidden)
            #expect(!(try await investigator.get("/console/")).body.contains("/console/inquiry/overview"))
        }
    }

    @Test("pages are escaped: a case title with markup is shown as text")
    func escapesValues() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, db in
            var browser = browser
            let mine = try await openInquiry(db, by: "ivy", title: "<script>alert(1)</script>")
            try await browser.signIn("ivy")
            let page = try await browser.get("/console/cases/\(mine.reference)")
            #expect(!page.body.contains("<script>alert(1)</script>"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test("sign-in goes back only to console pages, never to another site")
    func safeRedirects() async throws {
        try await withConsole(passwords: ["ivy"]) { browser, _ in
            var browser = browser
            let form = try await browser.get("/console/sign-in?next=//evil.example/")
            let signedIn = try await browser.post(
                "/console/sign-in", [("csrf", form.csrf!), ("user", "ivy"), ("password", ConsoleUsers.password), ("next", "https://evil.example/")])
            #expect(signedIn.location == "/console/")
            let away = try await browser.get("/console/cases?q=x")
            #expect(away.status == .ok)
        }
    }
}
