import DossierCore
import DossierServer
import Foundation
import HTTPTypes

/// The core console's routes: signing in and out, My work, cases, a case, persons,
/// search, and the stylesheet and script. Modules add theirs through ``ConsoleModule``.
struct CoreConsoleRoutes {
    let site: ConsoleSite

    var routes: [ConsoleRoute] {
        let signIn = SignInPages(site: site)
        let cases = CaseListPage()
        let casePage = CasePage(site: site)
        let persons = PersonPages()
        return [
            .get("assets/{file}", "The console's stylesheet and script", access: .anyone, AssetFiles.serve),
            .get("sign-in", "The sign-in form", access: .anyone, signIn.form),
            .post("sign-in", "Sign in with a user id and password", access: .anyone, signIn.signIn),
            .post("sign-out", "Sign out: the session ends in the database", access: .signedIn, signIn.signOut),
            .get("", "My work: what is due for you", access: .signedIn, MyWorkPage(site: site).show),
            .get("cases", "Cases you may see, filtered", access: .signedIn, cases.list),
            .get("export/cases.csv", "The filtered case list as CSV", access: .signedIn, cases.export),
            .post("cases/bulk", "One action on the selected cases, each on its own", access: .roles(CasePage.writers), BulkActionPage().run),
            .post("views", "Save the case list's filters under a name", access: .signedIn, SavedViewPages().save),
            .post("views/{id}/delete", "Delete a saved view", access: .signedIn, SavedViewPages().delete),
            .get("cases/{ref}", "A case", access: .signedIn, casePage.show),
            .post("cases/{ref}/transitions/{name}", "Run a transition", access: .roles(CasePage.writers), casePage.transition),
            .post("cases/{ref}/notes", "Add a note", access: .roles(CasePage.writers), casePage.note),
            .get("persons", "Find persons by name, alias or transliteration", access: .signedIn, persons.search),
            .get("persons/{id}", "A person and the cases you may see them in", access: .signedIn, persons.show),
            .get("search", "Go to a reference, or find names and cases", access: .signedIn, SearchPage().search),
            .get("workflows", "Each case type's workflow as a state table", access: .signedIn, WorkflowPage().show),
            .get("audit", "The access log and the admin log", access: .roles(AuditPages.roles), AuditPages().show),
            .post("audit/verify", "Re-walk every hash chain (one run at a time)", access: .roles(AuditPages.roles), AuditPages().verify),
            .get("admin", "Users", access: .roles(AdminPages.roles), AdminPages().show),
            .post("admin/users", "Add a user", access: .roles(AdminPages.roles), AdminPages().create),
            .post("admin/users/{id}/password", "Set a user's password", access: .roles(AdminPages.roles), AdminPages().setPassword),
            .post("admin/users/{id}/disable", "Disable a user", access: .roles(AdminPages.roles), AdminPages().disable),
            .get("**", "Any other console path: the not-found page", access: .signedIn) { _ in throw DossierError.notFound("page") },
        ]
    }
}
