import Engine
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TrustCore
import WebServer

@Suite("Webhook routes")
struct WebhookRouteTests {
    @Test func aSignedGenericMessageIsAnsweredWithTheReply() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            let (body, headers) = f.genericRequest(id: "g1", text: "hola")
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode(GenericAnswer.self, from: Data(response.body.readableBytesView))
                #expect(answer.id == "g1")
                #expect(answer.replies == [.init(to: WebFixture.rosaPhone, text: "Hola Rosa (Lacteos Huambocancha). Responda con un numero: 1 Asisti a reunion, 2 Aporte al fondo, 3 Opinar, 4 Mi resumen, 0 Ayuda")])
            }
        }
    }

    @Test func aWrongSignatureIs401AndStoresNothing() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            let (body, headers) = f.genericRequest(id: "bad", text: "aporte 20", secret: "wrong")
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .unauthorized)
            }
        }
        #expect(try await f.inboundCount() == 0)
    }

    @Test func theSameIDTwiceGetsTheSameAnswerAndOneRecord() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            let (askBody, askHeaders) = f.genericRequest(id: "g1", text: "aporte 20")
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: askHeaders, body: askBody) { #expect($0.status == .ok) }
            let (body, headers) = f.genericRequest(id: "g2", text: "1")
            var first = ByteBuffer()
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { first = $0.body }
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .ok)
                #expect(response.body == first)
            }
        }
        let contributions = try await f.store.read { tx in
            try await tx.records(networkID: try #require(try await tx.network(code: "HUAMBO")).id, since: nil).contributions
        }
        #expect(contributions.count == 1)
    }

    @Test func anOversizedBodyIs413() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            let huge = String(repeating: "a", count: 100_000)
            let (body, headers) = f.genericRequest(id: "big", text: huge)
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
        #expect(try await f.inboundCount() == 0)
    }

    @Test func invalidUTF8Is400() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            var bytes = Array(#"{"id":"utf","from":"+51987000004","to":"12345","text":"hola "#.utf8)
            bytes += [0xC3, 0x28, 0xFF]
            bytes += Array(#""}"#.utf8)
            let (body, headers) = f.signed(bytes)
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(try await f.inboundCount() == 0)
    }

    @Test func emojiAreAnsweredNotRejected() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            let (body, headers) = f.genericRequest(id: "g3", text: "👍👍")
            try await client.execute(uri: "/webhooks/generic", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .ok)
                let answer = try JSONDecoder().decode(GenericAnswer.self, from: Data(response.body.readableBytesView))
                #expect(answer.replies.first?.text.hasPrefix("No entendi") == true)
            }
        }
    }

    @Test func kannelGetWithTheSecretRepliesInTheBody() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            let uri = "/webhooks/kannel?key=\(WebFixture.kannelSecret)&from=%2B51987000004&to=12345&text=%C2%BFC%C3%B3mo+est%C3%A1%3F+APORTE+20&id=0b7f2d5a-1&ts=1764072000&coding=0&charset=UTF-8"
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                #expect(String(buffer: response.body) == "No entendi. Envie MENU para ver opciones o AYUDA para hablar con su articulador.")
            }
            try await client.execute(uri: "/webhooks/kannel?key=nope&from=%2B51987000004&to=1&text=hola&id=x", method: .get) { response in
                #expect(response.status.code >= 400)
            }
        }
    }

    @Test func unknownGatewaysAre404() async throws {
        let f = try await WebFixture.make()
        try await f.application.test(.router) { client in
            try await client.execute(uri: "/webhooks/twilio", method: .post) { #expect($0.status == .notFound) }
        }
    }

    @Test func aDeliveryReportUpdatesTheOutboxRow() async throws {
        let f = try await WebFixture.make()
        let id = try await f.store.transaction { tx in
            try await tx.enqueue(NewOutbound(
                to: WebFixture.rosaPhone, text: "hola", encoding: .gsm7, segments: 1, gateway: "kannel", notBefore: f.clock, kind: "reply",
                networkID: nil, createdAt: f.clock))
        }
        try await f.application.test(.router) { client in
            try await client.execute(uri: "/webhooks/kannel/status?key=\(WebFixture.kannelSecret)&out=\(id)&type=1", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
        let rows = try await f.store.read { tx in try await tx.outbound(limit: 5, status: .delivered) }
        #expect(rows.map(\.message.id) == [id])
    }
}
