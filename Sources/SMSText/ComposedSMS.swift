/// How an SMS is encoded on the air.
public enum SMSEncodingKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// GSM 03.38 default alphabet, counted in septets.
    case gsm7
    /// UCS-2, counted in UTF-16 code units.
    case ucs2

    /// Units that fit in a message sent alone: 160 septets or 70 code units.
    public var singleLimit: Int {
        switch self {
        case .gsm7: 160
        case .ucs2: 70
        }
    }

    /// Units per part of a concatenated message, after the 6-octet header: 153 septets or 67 code units.
    public var partLimit: Int {
        switch self {
        case .gsm7: 153
        case .ucs2: 67
        }
    }

    /// Units one scalar costs in this encoding, or `nil` if GSM-7 cannot carry it.
    public func units(for scalar: Unicode.Scalar) -> Int? {
        switch self {
        case .gsm7: GSM7.septets(for: scalar)
        case .ucs2: scalar.utf16.count
        }
    }
}

/// A message ready to send: the final text, its encoding, its size and the parts the network will carry.
public struct ComposedSMS: Sendable, Hashable {
    /// The text that will be sent (after transliteration).
    public let text: String
    /// The encoding the whole message needs.
    public let encoding: SMSEncodingKind
    /// Length in septets (GSM-7, escapes counted) or UTF-16 code units (UCS-2).
    public let units: Int
    /// Number of SMS the message costs; always `parts.count`.
    public let segments: Int
    /// The text of each segment, in order; joined they give `text`.
    public let parts: [String]

    /// - Parameters:
    ///   - text: the final text.
    ///   - encoding: its encoding.
    ///   - units: its length in `encoding` units.
    ///   - parts: the segment texts.
    public init(text: String, encoding: SMSEncodingKind, units: Int, parts: [String]) {
        self.text = text
        self.encoding = encoding
        self.units = units
        self.segments = parts.count
        self.parts = parts
    }

    /// Whether the message fits in the given number of segments.
    public func fits(segments maxSegments: Int) -> Bool {
        segments <= maxSegments
    }
}
