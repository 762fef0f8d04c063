import Curl
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization
import Testing

/// Hummingbird exports HTTPTypes' `HTTPRequest`; these tests mean Curl's.
typealias CurlRequest = Curl.HTTPRequest

@Suite("CurlClient against a local server")
struct CurlClientTests {
    static func router() throws -> Router<BasicRequestContext> {
        let router = Router()
        let custom = try fieldName("X-Custom")
        let seenCustom = try fieldName("X-Seen-Custom")
        let seenAuth = try fieldName("X-Seen-Authorization")
        let seenType = try fieldName("X-Seen-Content-Type")
        router.post("echo") { request, _ -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 1 << 20)
            var headers = HTTPFields()
            headers[seenCustom] = request.headers[custom] ?? "-"
            headers[seenAuth] = request.headers[.authorization] ?? "-"
            headers[seenType] = request.headers[.contentType] ?? "-"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
        }
        router.get("hello") { _, _ in "hello" }
        router.get("status/429") { _, _ in
            Response(status: .tooManyRequests, headers: [.retryAfter: "7"], body: .init(byteBuffer: ByteBuffer(string: "slow down")))
        }
        router.get("status/500") { _, _ in Response(status: .internalServerError) }
        router.get("hang") { _, _ -> String in
            try? await Task.sleep(for: .seconds(3))
            return "late"
        }
        return router
    }

    @Test func postEchoesBodyAndSendsHeadersAndBasicAuth() async throws {
        let client = CurlClient()
        try await withTestServer(Self.router()) { port in
            let body = Array("Hola ñandú ¿Cómo está?".utf8)
            let response = try await client.perform(CurlRequest(
                method: .post, url: "http://127.0.0.1:\(port)/echo",
                headers: [("Content-Type", "text/plain; charset=utf-8"), ("X-Custom", "valor")],
                body: body, basicAuth: (user: "AC123", password: "to:ken")))
            #expect(response.status == 200)
            #expect(response.body == body)
            #expect(response.header("x-seen-custom") == "valor")
            #expect(response.header("X-Seen-Content-Type") == "text/plain; charset=utf-8")
            let expectedAuth = "Basic " + Data("AC123:to:ken".utf8).base64EncodedString()
            #expect(response.header("X-Seen-Authorization") == expectedAuth)
        }
    }

    @Test func emptyPostBodyIsSentAsEmpty() async throws {
        let client = CurlClient()
        try await withTestServer(Self.router()) { port in
            let response = try await client.perform(CurlRequest(method: .post, url: "http://127.0.0.1:\(port)/echo"))
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(response.header("X-Seen-Authorization") == "-")
        }
    }

    @Test func errorStatusesAreResponsesNotErrors() async throws {
        let client = CurlClient()
        try await withTestServer(Self.router()) { port in
            let limited = try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/status/429"))
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "7")
            #expect(limited.bodyText == "slow down")
            let failed = try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/status/500"))
            #expect(failed.status == 500)
            let missing = try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/nowhere"))
            #expect(missing.status == 404)
        }
    }

    @Test func refusedConnectionThrowsWithCurlCode() async throws {
        let client = CurlClient()
        // Port 1 on loopback: nothing listens there, so the kernel refuses at once.
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(CurlRequest(url: "http://user:s3cret@127.0.0.1:1/path?password=hunter2"))
        }
        #expect(error?.code == .couldNotConnect)
        #expect(error?.curlCode == 7)
        #expect(error?.shortDescription == "curl_could_not_connect")
        #expect(error?.isTransient == true)
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("curl_easy_perform"))
        #expect(!text.contains("s3cret") && !text.contains("hunter2") && !text.contains("127.0.0.1"))
    }

    @Test func silentServerTimesOutWithinTotalTimeout() async throws {
        let client = CurlClient()
        try await withTestServer(Self.router()) { port in
            let start = ContinuousClock.now
            let error = await #expect(throws: CurlError.self) {
                try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/hang", totalTimeout: .milliseconds(400)))
            }
            let elapsed = ContinuousClock.now - start
            #expect(error?.code == .timedOut)
            #expect(error?.curlCode == 28)
            #expect(elapsed >= .milliseconds(350))
            #expect(elapsed < .milliseconds(2500))
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let client = CurlClient()
        try await withTestServer(Self.router()) { port in
            let task = Task {
                try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/hang", totalTimeout: .seconds(10)))
            }
            try await Task.sleep(for: .milliseconds(200))
            let start = ContinuousClock.now
            task.cancel()
            let result = await task.result
            #expect(ContinuousClock.now - start < .seconds(2))
            #expect(throws: CurlError.self) { try result.get() }
            if case .failure(let error as CurlError) = result { #expect(error.code == .cancelled) }
        }
    }

    @Test func oneWorkerReusesItsConnection() async throws {
        let client = CurlClient(configuration: .init(maxConcurrentTransfers: 1))
        try await withTestServer(Self.router()) { port in
            let first = try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/hello"))
            let second = try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/hello"))
            #expect(first.bodyText == "hello" && second.bodyText == "hello")
            #expect(first.newConnections == 1)
            #expect(second.newConnections == 0)
        }
    }

    @Test func concurrencyIsBounded() async throws {
        let inFlight = Atomic<Int>(0)
        let highWater = Atomic<Int>(0)
        let router = try Self.router()
        router.get("slow") { _, _ -> String in
            let now = inFlight.add(1, ordering: .relaxed).newValue
            highWater.max(now, ordering: .relaxed)
            try? await Task.sleep(for: .milliseconds(150))
            inFlight.subtract(1, ordering: .relaxed)
            return "done"
        }
        let client = CurlClient(configuration: .init(maxConcurrentTransfers: 2))
        try await withTestServer(router) { port in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask { try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/slow")).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 6))
            #expect(highWater.load(ordering: .relaxed) == 2)
        }
    }

    @Test func oversizedResponseIsRejected() async throws {
        let client = CurlClient(configuration: .init(maxConcurrentTransfers: 1, maxResponseBytes: 4))
        try await withTestServer(Self.router()) { port in
            let error = await #expect(throws: CurlError.self) {
                try await client.perform(CurlRequest(url: "http://127.0.0.1:\(port)/hello"))
            }
            #expect(error?.code == .responseTooLarge)
        }
    }

    @Test func unsupportedSchemeIsInvalidRequest() async throws {
        let client = CurlClient()
        let error = await #expect(throws: CurlError.self) {
            try await client.perform(CurlRequest(url: "ftp://127.0.0.1:1/file"))
        }
        #expect(error?.code == .invalidRequest)
    }

    @Test func requestDescriptionHidesQueryAndBody() {
        let request = CurlRequest(
            method: .get, url: "https://smsc.example/cgi-bin/sendsms?username=u&password=p", body: Array("secret".utf8),
            basicAuth: (user: "u", password: "p"))
        #expect(request.description == "GET https://smsc.example/cgi-bin/sendsms")
    }
}
