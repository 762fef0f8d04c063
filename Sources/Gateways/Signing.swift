import Crypto

/// HMAC helpers and comparisons shared by the gateways.
enum Signing {
    /// Lower-case hex of HMAC-SHA256(key, message).
    static func hmacSHA256Hex(key: String, message: [UInt8]) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: Array(key.utf8)))
        return hex(mac)
    }

    /// Lower-case hex of SHA-256(message).
    static func sha256Hex(_ message: [UInt8]) -> String {
        hex(SHA256.hash(data: message))
    }

    /// Lower-case hex.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Compares in time that depends only on the lengths, not on where the first difference is.
    static func constantTimeEquals(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }

    /// Compares two header strings byte for byte in constant time.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        constantTimeEquals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
