import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders dashboard pages: a page body from its template, then the layout around it, as an HTML response
/// with headers that keep it out of caches and frames and allow no script at all.
struct DashboardRenderer: Sendable {
    let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        for (name, text) in DashboardTemplates.all {
            // A template that does not parse is left out: its pages answer 500 and a test renders every page.
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
        }
        self.library = library
    }

    /// The page frame: texts, language, the logged-in user (nil on the login page) and the time.
    struct Chrome {
        var language: String
        var viewer: ViewerModel?
        var now: String
        var t: [String: String] { DashboardStrings.table(language) }
    }

    /// What the header shows of the logged-in user; the logout form carries `csrf`.
    struct ViewerModel {
        var name: String
        var isStaff: Bool
        var csrf: String
    }

    /// Renders a template with a model (the texts are added as `t`) to an HTML fragment.
    func fragment(_ template: String, _ model: [String: Any], chrome: Chrome) -> String? {
        var model = model
        model["t"] = chrome.t
        return library.render(model, withTemplate: template)
    }

    /// A whole page.
    /// - Parameters:
    ///   - template: the body template.
    ///   - title: the page title.
    ///   - model: the body's values.
    ///   - chrome: the frame.
    ///   - status: HTTP status.
    func page(
        _ template: String, title: String, _ model: [String: Any], chrome: Chrome, status: HTTPResponse.Status = .ok
    ) -> Response {
        var frame: [String: Any] = ["lang": chrome.language, "title": title, "css": DashboardStyle.css, "t": chrome.t, "now": chrome.now]
        if let viewer = chrome.viewer { frame["viewer"] = viewer }
        guard let body = fragment(template, model, chrome: chrome) else { return missing(template) }
        frame["body"] = body
        guard let html = library.render(frame, withTemplate: "layout") else { return missing("layout") }
        return Response(status: status, headers: Self.headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func missing(_ template: String) -> Response {
        Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "page template \(template) is missing\n")))
    }

    /// A short page with a heading and one sentence (403, 404, expired form).
    func message(_ heading: String, _ text: String, chrome: Chrome, status: HTTPResponse.Status) -> Response {
        page("message", title: heading, ["heading": heading, "text": text], chrome: chrome, status: status)
    }

    static let headers: HTTPFields = [
        .contentType: "text/html; charset=utf-8",
        .cacheControl: "no-store",
        .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .xContentTypeOptions: "nosniff",
    ]
}
