import Hummingbird
import Logging

// Ceiling 1: the fastest a Hummingbird server answers on this machine. Any GET answers a fixed
// text (so wrk can replay the same webhook URLs as against confianza), `GET /echo?text=…` answers
// the text (the trivial webhook behind Kannel); any POST reads its body and
// answers like a gateway accepting a message, which makes this also the fake gateway for the
// outbox drain and the libcurl ceilings.
//   ceiling-hello PORT
let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 8091
var logger = Logger(label: "ceiling-hello")
logger.logLevel = .warning

let router = Router()
router.get("/") { _, _ in "hello\n" }
// The trivial webhook for the Kannel comparison: answers the text it got (Kannel sends it back).
router.get("/echo") { request, _ in
    request.uri.queryParameters["text"].map { String($0) } ?? ""
}
router.get("**") { _, _ in "hello\n" }
router.post("**") { request, _ -> Response in
    _ = try await request.body.collect(upTo: 1 << 20)
    return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: #"{"gateway_id":"fake"}"#)))
}
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
try await app.runService()
