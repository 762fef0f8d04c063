import Foundation
import SMSText

/// Everything the bot replies fits one SMS (conversations.md): long values are shortened, long lists are cut with
/// `+N` or split into pages that end with `MAS`.
extension Turn {
    /// One segment of GSM-7 (or UCS-2 when a name needs it).
    static func fits(_ text: String) -> Bool { SMSComposer.fits(text, segments: 1) }

    /// The longest prefix of `value` (ended with `...`) for which `make` still fits one segment.
    static func shorten(_ value: String, _ make: (String) -> String) -> String {
        if fits(make(value)) { return value }
        let characters = Array(value)
        var low = 0
        var high = characters.count
        while low < high {
            let middle = (low + high + 1) / 2
            if fits(make(String(characters.prefix(middle)) + "...")) { low = middle } else { high = middle - 1 }
        }
        return String(characters.prefix(low)).trimmingCharacters(in: .whitespaces) + "..."
    }

    /// Renders `key`, shortening the free-text value `name` (a question, a title) until the message fits.
    func fitted(_ key: String, _ values: [String: String], shrinking name: String, language: String? = nil) -> String {
        let value = values[name] ?? ""
        let short = Turn.shorten(value) { candidate in
            var changed = values
            changed[name] = candidate
            return render(key, changed, language: language)
        }
        var changed = values
        changed[name] = short
        return render(key, changed, language: language)
    }

    /// Renders `key` with as many `items` in the value `name` as fit, the rest counted as `+N`.
    func fittedList(_ key: String, _ values: [String: String], list name: String, items: [String], separator: String = ", ") -> String {
        func text(_ count: Int) -> String {
            var shown = items.prefix(count).joined(separator: separator)
            if count < items.count { shown += (count > 0 ? " " : "") + "+\(items.count - count)" }
            var changed = values
            changed[name] = shown
            return render(key, changed)
        }
        var count = items.count
        while count > 0, !Turn.fits(text(count)) { count -= 1 }
        return text(count)
    }

    /// Splits a list into one-segment pages: `header`, items, then `more` when items remain or `footer` at the end.
    static func pages(header: String, items: [String], footer: String, more: String, separator: String = ", ") -> [String] {
        guard !items.isEmpty else { return [footer.isEmpty ? header : header + " " + footer] }
        var pages: [String] = []
        var index = 0
        while index < items.count {
            var page = header
            var taken = 0
            while index + taken < items.count {
                let body = page + (taken == 0 ? " " : separator) + items[index + taken]
                let isLast = index + taken + 1 == items.count
                guard fits(body + " " + (isLast ? footer : more)) else { break }
                page = body
                taken += 1
            }
            if taken == 0 {
                let closing = index + 1 == items.count ? footer : more
                page += " " + shorten(items[index]) { header + " " + $0 + " " + closing }
                taken = 1
            }
            index += taken
            page += " " + (index < items.count ? more : footer)
            pages.append(page.trimmingCharacters(in: .whitespaces))
        }
        return pages
    }

    /// Replies with the first page and keeps the others for `MAS`.
    mutating func replyPages(_ pages: [String]) {
        guard let first = pages.first else { return }
        effects.append(.reply(first))
        let rest = Array(pages.dropFirst())
        state.pages = rest.isEmpty ? nil : rest
        state.pagesExpireAt = rest.isEmpty ? nil : now.addingTimeInterval(settings.flowLifetime)
    }

    /// `MAS`: the next page of the last list.
    mutating func nextPage() {
        guard let pages = state.livePages(at: now) else {
            state.pages = nil
            state.pagesExpireAt = nil
            return reply("more.none")
        }
        replyPages(pages)
    }
}
