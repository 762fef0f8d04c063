import CCurl
import Synchronization

/// Owns one libcurl easy handle: configures it per request, performs blocking transfers, and cleans it up in
/// `deinit`. Not `Sendable`: a handle must be used by one thread at a time. Reusing a handle keeps its
/// connection cache, so kept-alive connections are reused between requests.
public final class CurlEasyHandle {
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates the handle (initialising libcurl on first use).
    public init() throws(CurlError) {
        try CurlGlobal.ensureInitialised()
        guard let handle = curl_easy_init() else {
            throw CurlError(code: .handleUnavailable, operation: "curl_easy_init")
        }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Performs one request, blocking the calling thread until it completes.
    /// - Parameters:
    ///   - request: what to send.
    ///   - maxResponseBytes: abort with `.responseTooLarge` past this many body bytes.
    ///   - cancellation: when set during the transfer, the transfer is aborted with `.cancelled`.
    public func perform(
        _ request: HTTPRequest, maxResponseBytes: Int = 1 << 20, cancellation: CurlCancellation? = nil
    ) throws(CurlError) -> HTTPResponse {
        // Options from the previous request must not leak into this one; the connection cache survives.
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        try check(cfz_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        try setLong(CURLOPT_NOSIGNAL, 1)
        try setString(CURLOPT_URL, request.url)
        try setString(CURLOPT_PROTOCOLS_STR, "http,https")
        try setLong(CURLOPT_SSL_VERIFYPEER, 1)
        try setLong(CURLOPT_SSL_VERIFYHOST, 2)
        try setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout))
        try setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.totalTimeout))
        try configureMethod(request)

        let headers = CurlHeaderList()
        for (name, value) in request.headers { try headers.append(name: name, value: value) }
        // curl would otherwise wait for `100 Continue` on larger bodies, adding a round trip.
        if request.body != nil { try headers.suppress(name: "Expect") }
        try check(cfz_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers.pointer), "CURLOPT_HTTPHEADER")

        if let auth = request.basicAuth {
            try check(cfz_easy_set_basic_auth(handle), "CURLOPT_HTTPAUTH")
            try setString(CURLOPT_USERNAME, auth.user)
            try setString(CURLOPT_PASSWORD, auth.password)
        }

        let sink = TransferSink(maxBodyBytes: maxResponseBytes, cancellation: cancellation)
        return try withExtendedLifetime((sink, headers)) { () throws(CurlError) -> HTTPResponse in
            let context = Unmanaged.passUnretained(sink).toOpaque()
            try check(cfz_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlWriteBody), "CURLOPT_WRITEFUNCTION")
            try check(cfz_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "CURLOPT_WRITEDATA")
            try check(cfz_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader), "CURLOPT_HEADERFUNCTION")
            try check(cfz_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "CURLOPT_HEADERDATA")
            if cancellation != nil {
                try setLong(CURLOPT_NOPROGRESS, 0)
                try check(
                    cfz_easy_setopt_xferinfo_function(handle, CURLOPT_XFERINFOFUNCTION, curlProgress),
                    "CURLOPT_XFERINFOFUNCTION")
                try check(cfz_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, context), "CURLOPT_XFERINFODATA")
            }

            let result = curl_easy_perform(handle)
            if result != CURLE_OK {
                var error = CurlError(
                    curl: result, detail: String(cString: errorBuffer), operation: "curl_easy_perform",
                    file: #fileID, line: #line)
                if sink.bodyLimitExceeded { error.code = .responseTooLarge }
                throw error
            }
            var status = 0
            try check(cfz_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status), "CURLINFO_RESPONSE_CODE")
            var connects = 0
            try check(cfz_easy_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects), "CURLINFO_NUM_CONNECTS")
            return HTTPResponse(status: status, headers: sink.headers, body: sink.body, newConnections: connects)
        }
    }

    private func configureMethod(_ request: HTTPRequest) throws(CurlError) {
        switch request.method {
        case .get: try setLong(CURLOPT_HTTPGET, 1)
        case .head: try setLong(CURLOPT_NOBODY, 1)
        case .post: try setLong(CURLOPT_POST, 1)
        case .put, .patch, .delete: try setString(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        guard let body = request.body else {
            if request.method == .post { try setBody([]) }
            return
        }
        try setBody(body)
    }

    /// Copies the body into curl (CURLOPT_COPYPOSTFIELDS), so no Swift buffer has to outlive this call.
    private func setBody(_ body: [UInt8]) throws(CurlError) {
        try check(cfz_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "CURLOPT_POSTFIELDSIZE_LARGE")
        // A non-null pointer even for an empty body, else curl would read the body from stdin.
        let bytes = body.isEmpty ? [0] : body
        let result = bytes.withUnsafeBytes { raw in
            cfz_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress))
        }
        try check(result, "CURLOPT_COPYPOSTFIELDS")
    }

    private func setLong(_ option: CURLoption, _ value: Int, file: String = #fileID, line: Int = #line) throws(CurlError) {
        try check(cfz_easy_setopt_long(handle, option, value), "curl_easy_setopt(\(option.rawValue))", file: file, line: line)
    }

    /// String options are copied by libcurl, so the temporary C string may go away after the call.
    private func setString(_ option: CURLoption, _ value: String, file: String = #fileID, line: Int = #line) throws(CurlError) {
        try check(cfz_easy_setopt_string(handle, option, value), "curl_easy_setopt(\(option.rawValue))", file: file, line: line)
    }

    /// The single place where a `CURLcode` becomes a `CurlError`.
    private func check(
        _ result: CURLcode, _ operation: @autoclosure () -> String, file: String = #fileID, line: Int = #line
    ) throws(CurlError) {
        guard result != CURLE_OK else { return }
        throw CurlError(curl: result, detail: String(cString: errorBuffer), operation: operation(), file: file, line: line)
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        // 0 means "no timeout" to curl; never send that by accident.
        return Int(max(1, min(millis, Int64(Int32.max))))
    }
}

@available(*, unavailable)
extension CurlEasyHandle: Sendable {}

/// A flag another thread sets to abort a running transfer.
public final class CurlCancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    /// A flag not yet set.
    public init() {}

    /// Requests the abort.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Whether the abort was requested.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Collects what curl's callbacks hand over during one transfer.
private final class TransferSink {
    let maxBodyBytes: Int
    let cancellation: CurlCancellation?
    var body: [UInt8] = []
    var headers: [(String, String)] = []
    var bodyLimitExceeded = false

    init(maxBodyBytes: Int, cancellation: CurlCancellation?) {
        self.maxBodyBytes = maxBodyBytes
        self.cancellation = cancellation
    }

    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBodyBytes else {
            bodyLimitExceeded = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    func appendHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewline()
        if line.hasPrefix("HTTP/") {
            // A new status line (after `100 Continue` or a redirect): only the final response's headers count.
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon])
        let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        headers.append((name, String(value)))
    }
}

extension String {
    fileprivate func trimmingTrailingNewline() -> String {
        var text = Substring(self)
        while let last = text.last, last == "\r\n" || last == "\n" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}

private func curlWriteBody(data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let length = size * count
    guard let data, length > 0 else { return length }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    return sink.appendBody(UnsafeRawBufferPointer(start: data, count: length)) ? length : 0
}

private func curlWriteHeader(data: UnsafeMutablePointer<CChar>?, size: Int, count: Int, context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let length = size * count
    guard let data, length > 0 else { return length }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    sink.appendHeaderLine(UnsafeRawBufferPointer(start: data, count: length))
    return length
}

private func curlProgress(
    context: UnsafeMutableRawPointer?, _: curl_off_t, _: curl_off_t, _: curl_off_t, _: curl_off_t
) -> Int32 {
    guard let context else { return 0 }
    let sink = Unmanaged<TransferSink>.fromOpaque(context).takeUnretainedValue()
    return sink.cancellation?.isCancelled == true ? 1 : 0
}
