import CCurl

/// `curl_global_init` must run once per process before any handle exists and is not thread-safe;
/// a global `let` is initialised exactly once, lazily and atomically.
private let globalInitResult: UInt32 = cfz_global_init_all().rawValue

enum CurlGlobal {
    /// Runs `curl_global_init(CURL_GLOBAL_ALL)` on first use.
    static func ensureInitialised() throws(CurlError) {
        let result = CURLcode(rawValue: globalInitResult)
        guard result == CURLE_OK else {
            throw CurlError(curl: result, detail: nil, operation: "curl_global_init", file: #fileID, line: #line)
        }
    }
}
