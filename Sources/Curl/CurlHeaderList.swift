import CCurl

/// Owns one `curl_slist` of header lines and frees it in `deinit`.
final class CurlHeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    init() {}

    /// Appends `Name: value` (`Name;` for an empty value, which is how curl sends an empty header).
    func append(name: String, value: String) throws(CurlError) {
        let line = value.isEmpty ? "\(name);" : "\(name): \(value)"
        guard let next = curl_slist_append(pointer, line) else {
            throw CurlError(code: .optionRejected, operation: "curl_slist_append")
        }
        pointer = next
    }

    /// Appends `Name:`, which removes a header curl would add by itself.
    func suppress(name: String) throws(CurlError) {
        guard let next = curl_slist_append(pointer, "\(name):") else {
            throw CurlError(code: .optionRejected, operation: "curl_slist_append")
        }
        pointer = next
    }

    deinit {
        curl_slist_free_all(pointer)
    }
}

@available(*, unavailable)
extension CurlHeaderList: Sendable {}
