import CityIndicatorsBase
import CityIndicatorsCatalog
import Foundation

/// A derivation's filter flattened into postfix instructions over plain values, so the per-record
/// loop evaluates it without touching reference-counted enum boxes.
struct FilterInstruction: Equatable {
    enum Code: UInt8 { case compare, textEquals, fieldsEqual, blank, and, or, not, constant }
    /// How a numeric operand is read.
    enum Source: UInt8 { case field, year, fy, month, constant }

    var code: Code
    var op: ComparisonOperator = .equal
    var negated = false
    var aSource: Source = .constant
    var bSource: Source = .constant
    var a: Int = 0
    var b: Int = 0
    var aConstant: Double = 0
    var bConstant: Double = 0
    /// The literal of a text comparison, in the program's byte arena.
    var literalStart = 0
    var literalCount = 0
}

/// All the filters of one plan, flattened; each derivation owns a range of instructions.
final class FilterProgram: @unchecked Sendable {
    let instructions: UnsafeMutablePointer<FilterInstruction>
    let count: Int
    let literals: UnsafeMutablePointer<UInt8>
    /// For each derivation, its instructions (empty range = no filter: every record matches).
    let ranges: [Range<Int>]
    /// For each derivation, the first derivation with the very same filter (itself when none):
    /// a filter shared by several elements is evaluated once a record.
    let sameFilterAs: [Int]

    init(_ filters: [RegisterPlan.Filter?]) {
        var list: [FilterInstruction] = []
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        func emit(_ f: RegisterPlan.Filter) {
            func operand(_ n: RegisterPlan.Number) -> (FilterInstruction.Source, Int, Double) {
                switch n {
                case .field(let i): return (.field, i, 0)
                case .year(let i): return (.year, i, 0)
                case .fy(let i): return (.fy, i, 0)
                case .month(let i): return (.month, i, 0)
                case .constant(let v): return (.constant, 0, v)
                }
            }
            switch f {
            case .and(let x, let y):
                emit(x)
                emit(y)
                list.append(FilterInstruction(code: .and))
            case .or(let x, let y):
                emit(x)
                emit(y)
                list.append(FilterInstruction(code: .or))
            case .not(let x):
                emit(x)
                list.append(FilterInstruction(code: .not))
            case .compare(let x, let op, let y):
                let (sa, a, ca) = operand(x)
                let (sb, b, cb) = operand(y)
                list.append(
                    FilterInstruction(
                        code: .compare, op: op, aSource: sa, bSource: sb, a: a, b: b, aConstant: ca, bConstant: cb))
            case .textEquals(let field, let literal, let negated):
                list.append(
                    FilterInstruction(
                        code: .textEquals, negated: negated, a: field, literalStart: bytes.count,
                        literalCount: literal.count))
                bytes += literal
            case .fieldsEqual(let x, let y, let negated):
                list.append(FilterInstruction(code: .fieldsEqual, negated: negated, a: x, b: y))
            case .blank(let field, let negated):
                list.append(FilterInstruction(code: .blank, negated: negated, a: field))
            case .always(let v):
                list.append(FilterInstruction(code: .constant, negated: !v))
            }
        }
        for f in filters {
            let start = list.count
            if let f { emit(f) }
            ranges.append(start..<list.count)
        }
        sameFilterAs = ranges.indices.map { k in
            ranges.indices.first { j in
                ranges[j].count == ranges[k].count && zip(ranges[j], ranges[k]).allSatisfy { list[$0] == list[$1] }
                    && (j == k
                        || zip(ranges[j], ranges[k]).allSatisfy {
                            list[$0].code != .textEquals
                                || bytes[list[$0].literalStart..<list[$0].literalStart + list[$0].literalCount]
                                    == bytes[list[$1].literalStart..<list[$1].literalStart + list[$1].literalCount]
                        })
            } ?? k
        }
        count = list.count
        instructions = .allocate(capacity: max(1, list.count))
        instructions.initialize(from: list, count: list.count)
        literals = .allocate(capacity: max(1, bytes.count))
        literals.initialize(from: bytes, count: bytes.count)
        self.ranges = ranges
    }

    deinit {
        instructions.deallocate()
        literals.deallocate()
    }
}

/// The values of the record being checked, one slot per schema field (plain memory).
struct RecordValues {
    var number: UnsafeMutablePointer<Double>
    var present: UnsafeMutablePointer<Bool>
    var year: UnsafeMutablePointer<Int32>
    var month: UnsafeMutablePointer<Int32>
    var text: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    var textCount: UnsafeMutablePointer<Int>

    init(fields: Int) {
        let n = max(1, fields)
        /// `n` slots, each holding `value`.
        func slots<T>(_ value: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: n)
            p.initialize(repeating: value, count: n)
            return p
        }
        number = slots(0)
        present = slots(false)
        year = slots(0)
        month = slots(0)
        text = slots(nil)
        textCount = slots(0)
    }

    func deallocate() {
        number.deallocate()
        present.deallocate()
        year.deallocate()
        month.deallocate()
        text.deallocate()
        textCount.deallocate()
    }

    @inline(__always)
    func read(_ source: FilterInstruction.Source, _ field: Int, _ constant: Double) -> Double? {
        switch source {
        case .constant: return constant
        case .field: return present[field] ? number[field] : nil
        case .year: return present[field] ? Double(year[field]) : nil
        case .month: return present[field] ? Double(month[field]) : nil
        case .fy: return present[field] ? Double(month[field] >= 4 ? year[field] : year[field] - 1) : nil
        }
    }

    /// Runs a filter's instructions on this record.
    @inline(__always)
    func matches(
        _ instructions: UnsafeMutablePointer<FilterInstruction>, _ literals: UnsafeMutablePointer<UInt8>,
        _ range: Range<Int>
    ) -> Bool {
        if range.isEmpty { return true }
        var stack: UInt64 = 0
        for k in range {
            let ins = instructions[k]
            var bit: Bool
            switch ins.code {
            case .compare:
                if let x = read(ins.aSource, ins.a, ins.aConstant), let y = read(ins.bSource, ins.b, ins.bConstant) {
                    switch ins.op {
                    case .equal: bit = x == y
                    case .notEqual: bit = x != y
                    case .less: bit = x < y
                    case .lessEqual: bit = x <= y
                    case .greater: bit = x > y
                    case .greaterEqual: bit = x >= y
                    }
                } else {
                    bit = false
                }
            case .textEquals:
                if present[ins.a], let p = text[ins.a] {
                    bit =
                        textCount[ins.a] == ins.literalCount
                        && CellParsers.equal(p, literals + ins.literalStart, ins.literalCount)
                    if ins.negated { bit = !bit }
                } else {
                    bit = false
                }
            case .fieldsEqual:
                if present[ins.a], present[ins.b], let p = text[ins.a], let q = text[ins.b] {
                    bit = textCount[ins.a] == textCount[ins.b] && CellParsers.equal(p, q, textCount[ins.a])
                    if ins.negated { bit = !bit }
                } else {
                    bit = false
                }
            case .blank:
                bit = present[ins.a] == ins.negated
            case .constant:
                bit = !ins.negated
            case .and:
                let top = stack & 1
                let below = (stack >> 1) & 1
                stack = (stack >> 2) << 1 | (top & below)
                continue
            case .or:
                let top = stack & 1
                let below = (stack >> 1) & 1
                stack = (stack >> 2) << 1 | (top | below)
                continue
            case .not:
                stack ^= 1
                continue
            }
            stack = stack << 1 | (bit ? 1 : 0)
        }
        return stack & 1 == 1
    }
}
