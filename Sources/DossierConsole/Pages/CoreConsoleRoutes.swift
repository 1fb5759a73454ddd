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
        let account = AccountPages(site: site)
        let admin = AdminPages()
        return [
            .get("assets/{file}", "The console's stylesheet and script", access: .anyone, AssetFiles.serve),
            .get("sign-in", "The sign-in form", access: .anyone, signIn.form),
            .post("sign-in", "Sign in with a user id and password", access: .anyone, signIn.signIn),
            .get("sign-in/code", "The second step of signing in: the code from an authenticator app", access: .signedIn, signIn.codeForm),
            .post("sign-in/code", "Sign in with the code", access: .signedIn, signIn.confirmCode),
            .post("sign-out", "Sign out: the session ends in the database", access: .signedIn, signIn.signOut),
            .get("account", "Your account: password, second factor, keyboard", access: .signedIn, account.show),
            .post("account/password", "Change your password", access: .signedIn, account.changePassword),
            .post("account/second-factor", "Start setting up a second factor", access: .signedIn, account.startSecondFactor),
            .post("account/second-factor/confirm", "Turn the second factor on with a code", access: .signedIn, account.confirmSecondFactor),
            .post("account/second-factor/cancel", "Drop a second factor not yet confirmed", access: .signedIn, account.cancelSecondFactor),
            .post("account/second-factor/remove", "Remove your second factor (password and code)", access: .signedIn, account.removeSecondFactor),
            .post("account/preferences", "Turn single-key shortcuts on or off", access: .signedIn, account.setPreferences),
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
            .get("admin", "Users", access: .roles(AdminPages.roles), admin.show),
            .post("admin/users", "Add a user", access: .roles(AdminPages.roles), admin.create),
            .get("admin/users/{id}", "A user: roles, password, second factor, tokens", access: .roles(AdminPages.roles), admin.showUser),
            .post("admin/users/{id}", "Change a user's name, roles, agency or clearance", access: .roles(AdminPages.roles), admin.update),
            .post("admin/users/{id}/password", "Set a temporary password", access: .roles(AdminPages.roles), admin.setPassword),
            .post(
                "admin/users/{id}/second-factor/remove", "Remove a user's second factor", access: .roles(AdminPages.roles),
                admin.removeSecondFactor),
            .post("admin/users/{id}/tokens", "Issue an API token, shown once", access: .roles(AdminPages.roles), admin.issueToken),
            .post("admin/users/{id}/tokens/{token}/revoke", "Revoke an API token", access: .roles(AdminPages.roles), admin.revokeToken),
            .post("admin/users/{id}/disable", "Disable a user", access: .roles(AdminPages.roles), admin.disable),
            .post("admin/users/{id}/enable", "Enable a disabled user again", access: .roles(AdminPages.roles), admin.enable),
            .get("**", "Any other console path: the not-found page", access: .signedIn) { _ in throw DossierError.notFound("page") },
        ]
    }
}
