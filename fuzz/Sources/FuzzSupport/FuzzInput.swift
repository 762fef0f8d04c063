/// Cuts one fuzz input into the pieces a harness needs: flag bytes, chunks ended by a separator byte,
/// and the rest. Every input is valid: missing pieces come back empty.
public struct FuzzInput {
    private var bytes: ArraySlice<UInt8>

    /// - Parameters:
    ///   - data: libFuzzer's buffer.
    ///   - size: its length.
    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = ArraySlice(UnsafeBufferPointer(start: data, count: size))
    }

    /// - Parameter bytes: the whole input.
    public init(bytes: [UInt8]) {
        self.bytes = ArraySlice(bytes)
    }

    /// The next byte, or 0 when none is left.
    public mutating func byte() -> UInt8 {
        bytes.popFirst() ?? 0
    }

    /// The bytes up to (not including) the next `separator`, which is consumed; the rest if there is none.
    public mutating func chunk(until separator: UInt8 = 0xFF) -> [UInt8] {
        guard let end = bytes.firstIndex(of: separator) else { return rest() }
        let piece = Array(bytes[bytes.startIndex..<end])
        bytes = bytes[bytes.index(after: end)...]
        return piece
    }

    /// Everything not consumed yet.
    public mutating func rest() -> [UInt8] {
        let piece = Array(bytes)
        bytes = []
        return piece
    }
}

/// Stops the process with a message libFuzzer records with the crashing input.
/// - Parameters:
///   - condition: the invariant.
///   - message: what broke, with the values involved.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant broken: " + message()) }
}
