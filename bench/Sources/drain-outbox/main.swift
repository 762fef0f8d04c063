import Curl
import Engine
import Foundation
import Gateways
import SQLiteStore

// Our outbox figure: COUNT replies queued in the SQLite outbox (synchronous=FULL), drained by the
// project's own Engine.OutboxService through Gateways.GenericSender over Curl.CurlClient to the
// local fake gateway (ceiling-hello). Each message: claim (batched), signed POST, result written in
// its own transaction, exactly as `confianza serve` does it.
//   drain-outbox URL COUNT DATABASE_FILE
// Bounded by COUNT and by 60 s; prints one line: messages=… sent=… seconds=… rate=…
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let count = Int(arguments[1]), (1...1_000_000).contains(count) else {
    FileHandle.standardError.write(Data("usage: drain-outbox URL COUNT(1...1000000) DATABASE_FILE\n".utf8))
    exit(2)
}
let url = arguments[0]
let path = arguments[2]
for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }

let store = try SQLiteStore(path: path)
let queuedAt = Date()
let text = "Aporte de S/ 20.00 anotado, pendiente de confirmar por el tesorero. Responda CORREGIR si es un error."
try await store.transaction { tx in
    for index in 0..<count {
        _ = try await tx.enqueue(
            NewOutbound(
                to: "+51987\(String(format: "%06d", index % 1000))", text: text, encoding: .gsm7, segments: 1,
                gateway: "generic", notBefore: queuedAt.addingTimeInterval(-1), kind: "reply", networkID: nil,
                createdAt: queuedAt))
    }
}

let client = CurlClient(configuration: .init(maxConcurrentTransfers: 4))
let sender = GenericSender(config: GenericConfig(secret: "bench", outboundURL: url, outboundSecret: "bench"), client: client)
let outbox = OutboxService(store: store, senders: [sender], settings: OutboxSettings(batchSize: 16))

let clock = ContinuousClock()
let start = clock.now
var attempted = 0
while clock.now - start < .seconds(60) {
    let round = try await outbox.drainOnce()
    if round == 0 { break }
    attempted += round
}
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let stats = try await store.read { tx in try await tx.outboxStats(now: Date()) }
let sent = count - stats.pending - stats.dead
print(
    "messages=\(count) attempted=\(attempted) sent=\(sent) dead=\(stats.dead) seconds=\(String(format: "%.3f", seconds)) "
        + "rate=\(String(format: "%.1f", Double(sent) / seconds))")
exit(sent == count ? 0 : 1)
