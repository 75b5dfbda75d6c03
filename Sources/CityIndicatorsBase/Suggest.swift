/// "Did you mean …?" suggestions by edit distance.
public enum Suggest {
    /// The candidate closest to `word`, if it is close enough to be a plausible typo.
    public static func nearest(_ word: String, in candidates: some Sequence<String>) -> String? {
        let lowered = Array(word.lowercased().utf8)
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(candidate.lowercased().utf8)
            let limit = max(2, min(lowered.count, c.count) / 3)
            // Cheap bound first: the distance is at least the difference in length.
            if abs(c.count - lowered.count) > min(limit, best?.1 ?? Int.max) { continue }
            let d = distance(lowered, c, atMost: min(limit, best?.1 ?? limit))
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) {
                best = (candidate, d)
            }
        }
        return best?.0
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a.utf8), Array(b.utf8))
    }

    /// The distance, or any number above `atMost` as soon as it is certain to exceed it.
    package static func distance(_ a: [UInt8], _ b: [UInt8], atMost: Int = Int.max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            let ai = a[i - 1]
            var rowMin = i
            for j in 1...b.count {
                let cost = ai == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = Swift.min(rowMin, current[j])
            }
            if rowMin > atMost { return rowMin }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// Remembers suggestions: a file of many bad rows usually repeats the same few bad ids.
package final class SuggestionCache {
    private var cache: [String: String?] = [:]

    package init() {}

    /// Past this many distinct words a file is garbage, not typos: stop searching.
    static let limit = 2_000

    package func nearest(_ word: String, _ compute: () -> String?) -> String? {
        if let hit = cache[word] { return hit }
        guard cache.count < SuggestionCache.limit else { return nil }
        let value = compute()
        cache[word] = value
        return value
    }
}
