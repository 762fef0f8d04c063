import Foundation

/// A SQLite file in a fresh temporary folder.
struct TemporaryDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("confianza.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("speculation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
