import Foundation
import Synchronization

/// An async HTTP client over libcurl's easy interface.
///
/// `curl_easy_perform` blocks its thread, so transfers run on a few dedicated worker threads (never on
/// Swift's cooperative pool). Each worker owns one `CurlEasyHandle` for its whole life and resets it between
/// requests, so kept-alive connections are reused. At most `maxConcurrentTransfers` run at once; further
/// requests wait in a FIFO queue. Cancelling the calling task removes a queued request or aborts a running one.
public final class CurlClient: Sendable {
    /// Client-wide settings.
    public struct Configuration: Sendable {
        /// Worker threads, i.e. transfers in flight at once.
        public var maxConcurrentTransfers: Int
        /// Largest response body accepted; larger ones fail with `.responseTooLarge`.
        public var maxResponseBytes: Int

        /// - Parameters:
        ///   - maxConcurrentTransfers: worker threads (default 4, at least 1).
        ///   - maxResponseBytes: response body limit (default 1 MiB).
        public init(maxConcurrentTransfers: Int = 4, maxResponseBytes: Int = 1 << 20) {
            self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
            self.maxResponseBytes = max(0, maxResponseBytes)
        }
    }

    /// The settings this client runs with.
    public let configuration: Configuration
    private let queue = CurlJobQueue()
    private let nextJobID = Atomic<UInt64>(0)

    /// Starts the worker threads.
    /// - Parameter configuration: concurrency and limits.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        for index in 0..<configuration.maxConcurrentTransfers {
            let thread = Thread { [queue, limit = configuration.maxResponseBytes] in
                Self.runWorker(queue: queue, maxResponseBytes: limit)
            }
            thread.name = "confianza.curl.\(index)"
            thread.start()
        }
    }

    deinit {
        queue.shutDown()
    }

    /// Performs one request on a worker thread.
    /// - Parameter request: what to send.
    /// - Returns: the response, whatever its status.
    /// - Throws: `CurlError` for transport failures and cancellation.
    public func perform(_ request: HTTPRequest) async throws -> HTTPResponse {
        let id = nextJobID.add(1, ordering: .relaxed).newValue
        let cancellation = CurlCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.enqueue(CurlJob(id: id, request: request, cancellation: cancellation, continuation: continuation))
            }
        } onCancel: {
            cancellation.cancel()
            queue.remove(id: id)?.continuation.resume(
                throwing: CurlError(code: .cancelled, operation: "CurlClient.perform"))
        }
    }

    private static func runWorker(queue: CurlJobQueue, maxResponseBytes: Int) {
        var handle: CurlEasyHandle?
        while let job = queue.next() {
            if job.cancellation.isCancelled {
                job.continuation.resume(throwing: CurlError(code: .cancelled, operation: "CurlClient.perform"))
                continue
            }
            do {
                let easy: CurlEasyHandle
                if let handle { easy = handle } else {
                    easy = try CurlEasyHandle()
                    handle = easy
                }
                let response = try easy.perform(job.request, maxResponseBytes: maxResponseBytes, cancellation: job.cancellation)
                job.continuation.resume(returning: response)
            } catch {
                job.continuation.resume(throwing: error)
            }
        }
    }
}

extension CurlClient {
    /// Percent-encodes a URL query value or form field exactly like `curl_easy_escape`: the RFC 3986
    /// unreserved characters `A–Z a–z 0–9 - . _ ~` stay, every other UTF-8 byte becomes `%XX` (upper-case hex;
    /// space is `%20`, `+` is `%2B`). Pure Swift, so it needs no handle and is safe from any thread.
    /// - Parameter value: the raw value.
    public static func escape(_ value: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(value.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `name=value&…` with both sides escaped by `escape(_:)`: a query string or an
    /// `application/x-www-form-urlencoded` body.
    /// - Parameter pairs: fields in order.
    public static func formEncode(_ pairs: [(String, String)]) -> String {
        pairs.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }
}
