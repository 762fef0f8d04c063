import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Runs a Hummingbird app on 127.0.0.1 with an ephemeral port for the duration of `body`.
func withTestServer(
    _ router: Router<BasicRequestContext>, _ body: (_ port: Int) async throws -> Void
) async throws {
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "curl-tests")
    logger.logLevel = .critical
    let app = Application(
        router: router,
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
            throw TestServerError.noPort
        }
        try await body(port)
        group.cancelAll()
    }
}

enum TestServerError: Error { case noPort }

/// A header name known to be valid.
func fieldName(_ name: String) throws -> HTTPField.Name {
    guard let field = HTTPField.Name(name) else { throw TestServerError.noPort }
    return field
}
