import HTTPTypes

/// The headers every console answer carries: no script, style or frame from anywhere but
/// the console itself, no inline script or style, no sniffing, no referrer leaving the
/// site, and pages never kept in a shared or back-button cache once signed out.
enum SecurityHeaders {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"

    static func apply(to headers: inout HTTPFields, cacheable: Bool) {
        headers[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        if !cacheable { headers[.cacheControl] = "no-store" }
    }
}
