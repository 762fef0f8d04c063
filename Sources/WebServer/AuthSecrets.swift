import Crypto
import Foundation
import HummingbirdBcrypt

/// Password hashing for dashboard users (bcrypt, off the cooperative thread pool: one hash takes a
/// noticeable fraction of a second by design).
public enum Passwords {
    /// Shortest password `confianza user add` accepts.
    public static let minimumLength = 10

    /// The bcrypt hash of a password.
    /// - Parameters:
    ///   - password: the password.
    ///   - cost: bcrypt cost (12 in production; tests may use 4).
    public static func hash(_ password: String, cost: UInt8 = 12) async -> String {
        await offPool { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`.
    /// - Parameters:
    ///   - password: what was typed.
    ///   - hash: the stored bcrypt hash.
    public static func verify(_ password: String, hash: String) async -> Bool {
        await offPool { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the same time as a real check when the user does not exist, so that timing does not tell
    /// which login names exist.
    static func verifyAgainstNothing(_ password: String) async {
        _ = await verify(password, hash: decoy)
    }

    /// A cost-12 hash of a random string: it matches no password anyone types.
    private static let decoy = Bcrypt.hash(Secrets.random(bytes: 16), cost: 12)

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

/// Random secrets and their hashes (session keys, CSRF tokens, API tokens).
public enum Secrets {
    /// `bytes` random bytes from the system's secure generator, base64url without padding.
    /// - Parameter bytes: how many random bytes.
    public static func random(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Lower-case hex SHA-256 of a text.
    /// - Parameter text: the text.
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time that does not depend on where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// API bearer tokens: shown once when created, stored as their SHA-256.
public enum APITokens {
    /// A new token (`cfz_` and 32 random bytes).
    public static func generate() -> String { "cfz_" + Secrets.random(bytes: 32) }

    /// What the store keeps of a token.
    /// - Parameter token: the token text.
    public static func hash(_ token: String) -> String { Secrets.sha256(token) }
}
