import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization
import Testing

/// One request as the fake gateway server saw it.
struct RecordedRequest: Sendable {
    var method: String
    /// Path and raw query, as sent on the wire.
    var uri: String
    /// Header values by lower-cased name.
    var headers: [String: String]
    var body: [UInt8]

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The raw query string.
    var query: String { uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? "" }
}

/// Thread-safe list of recorded requests / printed lines.
final class Recorder<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    func append(_ item: Element) { items.withLock { $0.append(item) } }
    var all: [Element] { items.withLock { $0 } }
}

typealias LineCollector = Recorder<String>

/// A fake Twilio/Kannel/SMSGate/generic endpoint: the status to answer is the path segment after the gateway
/// name (`/twilio/429/…`), the body mimics the real gateway.
func fakeGatewayRouter(_ recorder: Recorder<RecordedRequest>) -> Router<BasicRequestContext> {
    let router = Router()
    @Sendable func record(_ request: Request) async throws -> RecordedRequest {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let recorded = RecordedRequest(
            method: request.method.rawValue, uri: request.uri.description, headers: headers, body: Array(body.readableBytesView))
        recorder.append(recorded)
        return recorded
    }
    @Sendable func answer(_ status: Int, _ body: String, headers: HTTPFields = [:]) -> Response {
        Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
    router.post("twilio/:status/2010-04-01/Accounts/:sid/Messages.json") { request, context -> Response in
        _ = try await record(request)
        let status = context.parameters.get("status", as: Int.self) ?? 500
        switch status {
        case 201: return answer(201, #"{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued","num_segments":"1"}"#)
        case 400: return answer(400, #"{"code":21211,"message":"The 'To' number +51987654321 is not a valid phone number.","status":400}"#)
        case 429: return answer(429, #"{"code":20429,"message":"Too Many Requests","status":429}"#, headers: [.retryAfter: "3"])
        default: return answer(status, "")
        }
    }
    router.get("kannel/:status/cgi-bin/sendsms") { request, context -> Response in
        _ = try await record(request)
        switch context.parameters.get("status") ?? "" {
        case "202": return answer(202, "0: Accepted for delivery")
        case "202q": return answer(202, "3: Queued for later delivery")
        case "403": return answer(403, "Authorization failed for sendsms")
        case "503": return answer(503, "Temporal failure, try again later.")
        default: return answer(400, "Missing receiver number, rejected")
        }
    }
    router.post("android/:status/messages") { request, context -> Response in
        _ = try await record(request)
        let status = context.parameters.get("status", as: Int.self) ?? 500
        switch status {
        case 202: return answer(202, #"{"id":"confianza-outbox-4711","state":"Pending","recipients":[]}"#)
        case 409: return answer(409, #"{"message":"Message with the same ID already exists"}"#)
        case 503: return answer(503, #"{"error":"QueueLimitExceeded","message":"queue limits exceeded"}"#)
        default: return answer(status, #"{"message":"invalid request"}"#)
        }
    }
    router.post("generic/:status") { request, context -> Response in
        _ = try await record(request)
        let status = context.parameters.get("status", as: Int.self) ?? 500
        return status == 200 ? answer(200, #"{"gateway_id":"gw-77"}"#) : answer(status, "")
    }
    return router
}

/// Runs the fake gateway on 127.0.0.1 with an ephemeral port for the duration of `body`.
func withFakeGateway(
    _ recorder: Recorder<RecordedRequest>, _ body: (_ baseURL: String) async throws -> Void
) async throws {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "gateway-tests")
    logger.logLevel = .critical
    let app = Application(
        router: fakeGatewayRouter(recorder),
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portSink.yield(channel.localAddress?.port ?? 0)
            portSink.finish()
        },
        logger: logger
    )
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            group.cancelAll()
            Issue.record("the fake gateway did not report a port")
            return
        }
        try await body("http://127.0.0.1:\(port)")
        group.cancelAll()
    }
}
