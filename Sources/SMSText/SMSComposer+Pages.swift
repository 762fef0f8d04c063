extension SMSComposer {
    /// Splits a list into pages of at most `maxSegments` SMS each; every page but the last ends with `more`.
    ///
    /// Each page is `header + items joined by separator`, then `separator + more` when items remain.
    /// Items are never split across pages; an item too long for a page on its own is truncated with `...`.
    /// Page texts are transliterated. An empty list gives one page with the header alone.
    /// - Parameters:
    ///   - items: the list entries, in order.
    ///   - header: text that starts every page.
    ///   - separator: text between entries (default one space).
    ///   - more: the marker that asks for the next page, e.g. `MAS`.
    ///   - maxSegments: the budget per page in SMS (default 1).
    public static func paginate(
        _ items: [String],
        header: String = "",
        separator: String = " ",
        more: String,
        maxSegments: Int = 1
    ) -> [String] {
        let budget = max(1, maxSegments)
        guard !items.isEmpty else { return [Transliterator.toGSM7(header)] }
        var pages: [String] = []
        var index = 0
        while index < items.count {
            var page = header
            var taken = 0
            while index + taken < items.count {
                let item = items[index + taken]
                let candidate = taken == 0 ? page + item : page + separator + item
                let isLast = index + taken + 1 == items.count
                let closing = isLast ? candidate : candidate + separator + more
                // Room must remain for the "more" marker unless this item is the very last one.
                if fits(closing, segments: budget) {
                    page = candidate
                    taken += 1
                } else {
                    break
                }
            }
            if taken == 0 {
                let isLast = index + 1 == items.count
                let tail = isLast ? "" : separator + more
                let item = truncate(items[index], toSegments: budget, ellipsis: "...", framedBy: page, and: tail)
                page += item
                taken = 1
            }
            index += taken
            if index < items.count { page += separator + more }
            pages.append(Transliterator.toGSM7(page))
        }
        return pages
    }
}
