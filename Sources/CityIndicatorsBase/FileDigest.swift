import Crypto
import Foundation

/// SHA-256 of files, for provenance (reports, the store).
public enum FileDigest {
    /// Lower-case hex SHA-256 of a file, read in chunks; nil when it cannot be read.
    public static func sha256(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        do {
            // A read error part-way gives no digest, never the digest of the part read.
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                hasher.update(data: chunk)
            }
        } catch {
            return nil
        }
        return hex(hasher.finalize())
    }

    public static func sha256(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for b in digest {
            bytes.append(digits[Int(b >> 4)])
            bytes.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
