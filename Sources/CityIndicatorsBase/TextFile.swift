import Foundation

/// Writing a text file, with an error a person can act on.
public enum TextFile {
    /// Writes `text` as UTF-8 to `path`, replacing the file atomically.
    public static func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(
                "cannot write \(path): \(error.localizedDescription)",
                hint: "Check the folder exists and can be written.")
        }
    }
}
