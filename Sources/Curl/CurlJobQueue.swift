import Foundation

/// One request waiting for a worker, with the continuation of the task that asked for it.
struct CurlJob: Sendable {
    let id: UInt64
    let request: HTTPRequest
    let cancellation: CurlCancellation
    let continuation: CheckedContinuation<HTTPResponse, any Error>
}

/// The queue between async callers and the worker threads. Each job leaves it exactly once: taken by a worker,
/// removed by its task's cancellation, or failed at shutdown; whoever removes it resumes the continuation.
final class CurlJobQueue: @unchecked Sendable {
    // `condition` guards every stored property below.
    private let condition = NSCondition()
    private var jobs: [CurlJob] = []
    private var head = 0
    private var isShutDown = false

    /// Adds a job, or fails it at once when the client is shut down.
    func enqueue(_ job: CurlJob) {
        condition.lock()
        if isShutDown {
            condition.unlock()
            job.continuation.resume(throwing: CurlError(code: .clientShutDown, operation: "CurlClient.perform"))
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Blocks until a job is available; `nil` once shut down.
    func next() -> CurlJob? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !isShutDown { condition.wait() }
        guard head < jobs.count, !isShutDown else { return nil }
        let job = jobs[head]
        head += 1
        if head > 64 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Removes a job that no worker has taken yet; the caller must then resume it.
    func remove(id: UInt64) -> CurlJob? {
        condition.lock()
        defer { condition.unlock() }
        guard let index = jobs[head...].firstIndex(where: { $0.id == id }) else { return nil }
        return jobs.remove(at: index)
    }

    /// Stops the workers after their current transfer and fails every queued job.
    func shutDown() {
        condition.lock()
        isShutDown = true
        let pending = jobs[head...]
        jobs = []
        head = 0
        condition.broadcast()
        condition.unlock()
        for job in pending {
            job.continuation.resume(throwing: CurlError(code: .clientShutDown, operation: "CurlClient.perform"))
        }
    }
}
