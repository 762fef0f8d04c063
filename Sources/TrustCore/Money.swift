/// An amount in Peruvian soles, held as whole céntimos so that sums are exact.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in céntimos (1 sol = 100 céntimos).
    public var cents: Int64

    /// - Parameter cents: the amount in céntimos.
    public init(cents: Int64) { self.cents = cents }

    /// - Parameter soles: a whole number of soles.
    public init(soles: Int64) { self.cents = soles * 100 }

    /// Zero soles.
    public static let zero = Money(cents: 0)

    /// `S/ 20.00`.
    public var formatted: String { "S/ \(plain)" }

    /// `20.00`, without the currency sign.
    public var plain: String {
        let sign = cents < 0 ? "-" : ""
        let a = cents.magnitude
        let frac = a % 100
        return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// `S/ 480` when whole, else `S/ 480.50`: compact form for summaries.
    public var compact: String { cents % 100 == 0 ? "S/ \(cents / 100)" : formatted }

    public var description: String { formatted }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
}

extension Sequence where Element == Money {
    /// The exact sum.
    public func sum() -> Money { reduce(.zero, +) }
}
