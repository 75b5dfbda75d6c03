import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

/// An open-addressing set of 64-bit hashes (8 bytes a slot, at most 75 % full): the memory of a
/// unique or count-distinct check over millions of records.
///
/// Large tables are mapped straight from the system (`mmap`) and given back on `deallocate()`, so
/// the memory of one register's keys is not kept by the allocator for the next file.
///
/// A plain struct over manually managed memory, so the per-record loop pays no reference
/// counting; copies share the same set, and the owner calls `deallocate()` once.
struct HashSet64 {
    private struct State {
        var slots: UnsafeMutablePointer<UInt64>
        var capacity: Int
        var count: Int
        var hasZero: Bool
    }

    private let state: UnsafeMutablePointer<State>

    init(capacity requested: Int = 1024) {
        var c = 16
        while c < requested { c <<= 1 }
        state = .allocate(capacity: 1)
        state.initialize(to: State(slots: HashSet64.zeroed(c), capacity: c, count: 0, hasZero: false))
    }

    func deallocate() {
        HashSet64.release(state.pointee.slots, state.pointee.capacity)
        state.deallocate()
    }

    private static let mapped = 1 << 17  // slots (1 MB) from which tables are mapped

    /// `count` zeroed slots.
    private static func zeroed(_ count: Int) -> UnsafeMutablePointer<UInt64> {
        if count >= mapped, let p = mmap(nil, count * 8, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            p != MAP_FAILED
        {
            return p.bindMemory(to: UInt64.self, capacity: count)
        }
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
        p.initialize(repeating: 0, count: count)
        return p
    }

    private static func release(_ p: UnsafeMutablePointer<UInt64>, _ count: Int) {
        if count >= mapped { munmap(p, count * 8) } else { p.deallocate() }
    }

    /// Makes room for `n` values without growing on the way (no rehashing, no second table
    /// alongside the first).
    func reserve(_ n: Int) {
        while n * 4 > state.pointee.capacity * 3 { grow() }
    }

    var count: Int { state.pointee.count }
    var capacity: Int { state.pointee.capacity }

    /// Inserts; false when the value was already there.
    @inline(__always)
    func insert(_ h: UInt64) -> Bool {
        if h == 0 {
            if state.pointee.hasZero { return false }
            state.pointee.hasZero = true
            state.pointee.count += 1
            return true
        }
        if (state.pointee.count + 1) * 4 > state.pointee.capacity * 3 { grow() }
        let slots = state.pointee.slots
        let mask = state.pointee.capacity - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 {
                slots[i] = h
                state.pointee.count += 1
                return true
            }
            if s == h { return false }
            i = (i + 1) & mask
        }
    }

    @inline(__always)
    func contains(_ h: UInt64) -> Bool {
        if h == 0 { return state.pointee.hasZero }
        let slots = state.pointee.slots
        let mask = state.pointee.capacity - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return false }
            if s == h { return true }
            i = (i + 1) & mask
        }
    }

    /// Loads the home slot of each hash (a prefetch for the inserts that follow); returns a
    /// value only so the loads are not optimised away.
    @inline(__always)
    func touch(_ hashes: UnsafePointer<UInt64>, _ n: Int) -> UInt64 {
        let slots = state.pointee.slots
        let mask = state.pointee.capacity - 1
        var sum: UInt64 = 0
        for k in 0..<n { sum &+= slots[Int(truncatingIfNeeded: hashes[k]) & mask] }
        return sum
    }

    /// How many values of `other` are also in this set.
    func common(with other: HashSet64) -> Int {
        var n = other.state.pointee.hasZero && state.pointee.hasZero ? 1 : 0
        let theirs = other.state.pointee.slots
        for k in 0..<other.capacity where theirs[k] != 0 && contains(theirs[k]) { n += 1 }
        return n
    }

    /// Calls `body` with every value.
    func forEachValue(_ body: (UInt64) -> Void) {
        if state.pointee.hasZero { body(0) }
        let slots = state.pointee.slots
        for k in 0..<capacity where slots[k] != 0 { body(slots[k]) }
    }

    private func grow() {
        let old = state.pointee.slots
        let oldCapacity = state.pointee.capacity
        let capacity = oldCapacity << 1
        let slots = HashSet64.zeroed(capacity)
        let mask = capacity - 1
        for k in 0..<oldCapacity where old[k] != 0 {
            var i = Int(truncatingIfNeeded: old[k]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = old[k]
        }
        HashSet64.release(old, oldCapacity)
        state.pointee.slots = slots
        state.pointee.capacity = capacity
    }
}
