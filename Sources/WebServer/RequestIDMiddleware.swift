import Engine
import Hummingbird
import Logging

/// Attaches a request id to the request's logger once, so every line of one webhook can be found.
/// Headers and bodies are never logged (they carry phones and texts).
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.logger[metadataKey: LogKey.requestID] = "\(context.id)"
        return try await next(request, context)
    }
}
