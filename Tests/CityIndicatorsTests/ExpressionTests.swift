import CityIndicators
import Testing

@testable import CityIndicatorsBase
@testable import CityIndicatorsCatalog

@Suite struct ExpressionParserTests {
    func tree(_ source: String) -> String {
        guard case .success(let e) = ExpressionParser.parse(source) else { return "error" }
        func show(_ n: ExpressionNode) -> String {
            switch n {
            case .number(let v, _): Format.plain(v)
            case .element(let id, _): id
            case .negate(let x, _): "(-\(show(x)))"
            case .not(let x, _): "(not \(show(x)))"
            case .binary(let op, let a, let b, _): "(\(show(a)) \(op.rawValue) \(show(b)))"
            case .call(let f, let args, _): "\(f.rawValue)(\(args.map(show).joined(separator: ", ")))"
            }
        }
        return show(e.root)
    }

    @Test(arguments: [
        ("a + b * c", "(a + (b * c))"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b / c", "((a / b) / c)"),
        ("(a + b) * c", "((a + b) * c)"),
        ("-a * b", "((-a) * b)"),
        ("a - -b", "(a - (-b))"),
        ("a + b <= c * 2", "((a + b) <= (c * 2))"),
        ("a < b and not c > d or e == f", "(((a < b) and (not (c > d))) or (e == f))"),
        ("if(a > 0, b / a, 0)", "if((a > 0), (b / a), 0)"),
        ("sum(a, b, c) - max(a, 1e5)", "(sum(a, b, c) - max(a, 100000))"),
        ("water_supplied_total - water_consumption_total", "(water_supplied_total - water_consumption_total)"),
    ])
    func precedence(source: String, expected: String) {
        #expect(tree(source) == expected)
    }

    @Test(arguments: [
        ("a +", 3, "expected an operand after '+'"),
        ("a + * b", 4, "expected a number, an element id or '(', found '*'"),
        ("(a + b", 6, "expected ')' to close the '(' at offset 1, found end of formula"),
        ("a b", 2, "unexpected 'b' after a complete formula"),
        ("a = b", 2, "'=' is not an operator; write '==' to compare"),
        ("avg(a)", 0, "unknown function 'avg'; the functions are sum, min, max, if"),
        ("a < b < c", 6, "comparisons cannot be chained; combine them with 'and'"),
        ("a % b", 2, "unexpected character '%'"),
        ("", 0, "the formula is empty"),
        ("1.2.3", 0, "'1.2.3' is not a number"),
    ])
    func errorsCarryPositions(source: String, offset: Int, message: String) {
        guard case .failure(let error) = ExpressionParser.parse(source) else {
            Issue.record("'\(source)' parsed")
            return
        }
        #expect(error.offset == offset)
        #expect(error.message == message)
    }

    @Test func elementsInOrderOfAppearance() throws {
        let e = try ExpressionParser.parse("b + a * b - sum(c, a)").get()
        #expect(e.elements == ["b", "a", "c"])
        #expect(try ExpressionParser.parse("a").get().singleElement == "a")
    }
}

@Suite struct ExpressionCheckerTests {
    let dims: [String: Dimension] = [
        "persons": Dimension(base: "count"),
        "deaths": Dimension(base: "count"),
        "volume": Dimension(base: "length").power(3),
        "flow": Dimension(base: "length").power(3) / Dimension(base: "time"),
    ]

    func check(_ source: String) throws -> (ExpressionType?, [ExpressionIssue]) {
        let checker = ExpressionChecker(knownElements: Array(dims.keys)) { dims[$0] }
        let r = checker.check(try ExpressionParser.parse(source).get())
        return (r.type, r.issues)
    }

    @Test func dimensionsCombine() throws {
        #expect(try check("deaths / persons").0 == .number(.none))
        #expect(try check("flow / persons").0 == .number(dims["flow"]! / dims["persons"]!))
        #expect(try check("deaths + persons * 2").0 == .number(Dimension(base: "count")))
        #expect(try check("if(persons > 0, volume, 0 * volume)").0 == .number(dims["volume"]!))
    }

    @Test func mismatchedSumIsRejectedAtTheOperator() throws {
        let (type, issues) = try check("persons + volume")
        #expect(type == .number(Dimension(base: "count")))
        #expect(issues.count == 1)
        #expect(issues.first?.offset == 8)
        #expect(issues.first?.message == "'+' needs operands of one dimension, found count and length^3")
    }

    @Test func unknownElementSuggestsTheNearest() throws {
        let (_, issues) = try check("persns / deaths")
        #expect(issues.first?.code == .undefinedReference)
        #expect(issues.first?.hint == "did you mean 'persons'?")
    }

    @Test func conditionsAndNumbersDoNotMix() throws {
        #expect(try check("(persons > 1) + 1").1.first?.code == .dimensionMismatch)
        #expect(
            try check("if(persons, 1, 2)").1.first?.message
                == "the first argument of if(…) must be a condition, found dimension count")
        #expect(try check("min(persons, volume)").1.count == 1)
    }
}

@Suite struct ExpressionEvaluatorTests {
    func eval(_ source: String, _ values: [String: Double]) throws -> Result<Double, EvaluationFailure> {
        ExpressionEvaluator(values: values).number(try ExpressionParser.parse(source).get())
    }

    @Test func arithmetic() throws {
        #expect(try eval("a + b * c", ["a": 1, "b": 2, "c": 3]) == .success(7))
        #expect(try eval("if(a > b, a, b) - min(a, b)", ["a": 1, "b": 2]) == .success(1))
        #expect(try eval("sum(a, b, 3) / 2", ["a": 1, "b": 2]) == .success(3))
    }

    @Test func divisionByZeroIsDiagnosedNotNaN() throws {
        let r = try eval("a / (b - b)", ["a": 1, "b": 5])
        guard case .failure(let f) = r else {
            Issue.record("computed")
            return
        }
        #expect(f.reason == .divisionByZero)
        #expect(try eval("0 / b", ["b": 0]) != .success(.nan))
    }

    @Test func missingInputsAreAllNamed() throws {
        guard case .failure(let f) = try eval("a + b + c", ["b": 1]) else {
            Issue.record("computed")
            return
        }
        #expect(f.reason == .missingInput)
        #expect(f.missing == ["a", "c"])
    }

    @Test func overflowIsNotInfinity() throws {
        guard case .failure(let f) = try eval("a * a", ["a": 1e200]) else {
            Issue.record("computed")
            return
        }
        #expect(f.reason == .nonFinite)
    }
}

/// One number grammar for indicator formulas and register derivations.
@Suite struct FormulaNumberTests {
    @Test(arguments: [("100_000", 100_000.0), ("0.5", 0.5), (".5", 0.5), ("1e5", 100_000), ("2.5E-3", 0.0025)])
    func bothLanguagesReadTheSameNumbers(text: String, value: Double) throws {
        guard case .success(let e) = ExpressionParser.parse(text), case .number(let v, _) = e.root else {
            Issue.record("formula '\(text)' did not parse as a number")
            return
        }
        #expect(v == value)
        guard case .success(let d) = DerivationParser.parse("count(where x > \(text))"),
            case .compare(_, _, .number(let w, _))? = d.condition
        else {
            Issue.record("derivation with '\(text)' did not parse as a comparison with a number")
            return
        }
        #expect(w == value)
    }

    @Test func bothLanguagesRejectTheSameSlip() {
        guard case .failure(let e) = ExpressionParser.parse("a = b"),
            case .failure(let d) = DerivationParser.parse("count(where a = 1)")
        else {
            Issue.record("'=' was accepted")
            return
        }
        #expect(e.message == d.message)
    }
}

/// Evaluation is total even for a formula the checker rejects (check runs such a catalog's examples).
@Suite struct EvaluatorArityTests {
    @Test(arguments: ["if(1 > 0, 2)", "max()", "min()", "max((if(-a) > max()), min(), 0)"])
    func aWrongNumberOfArgumentsIsAFailureNotACrash(formula: String) throws {
        guard case .success(let e) = ExpressionParser.parse(formula) else {
            Issue.record("'\(formula)' did not parse")
            return
        }
        guard case .failure(let f) = ExpressionEvaluator(values: ["a": 1]).number(e) else {
            Issue.record("'\(formula)' evaluated")
            return
        }
        #expect(f.message.contains("argument"), "\(f.message)")
    }
}

/// Nesting is bounded before parsing, so no formula can exhaust the stack.
@Suite struct FormulaNestingTests {
    /// 20 000 parentheses, 100 000 minus signs, 50 000 `not`s.
    static func deep(_ kind: String) -> String {
        switch kind {
        case "parentheses": String(repeating: "(", count: 20_000) + "a" + String(repeating: ")", count: 20_000)
        case "minus signs": String(repeating: "-", count: 100_000) + "a"
        default: String(repeating: "not ", count: 50_000) + "a > 1"
        }
    }

    @Test(arguments: ["parentheses", "minus signs", "nots"])
    func deepFormulasAreSyntaxErrors(kind: String) {
        let formula = FormulaNestingTests.deep(kind)
        guard case .failure(let e) = ExpressionParser.parse(formula) else {
            Issue.record("a formula of \(kind) parsed")
            return
        }
        #expect(e.message.contains("nests more than 200 levels"), "\(e.message)")
        // Derivations: a syntax error too, never a crash (their grammar refuses some sooner).
        guard case .failure = DerivationParser.parse("count(where x > \(formula))") else {
            Issue.record("a derivation of \(kind) parsed")
            return
        }
    }

    @Test func twoHundredLevelsStillParse() {
        let formula = String(repeating: "(", count: 200) + "a" + String(repeating: ")", count: 200)
        guard case .success = ExpressionParser.parse(formula) else {
            Issue.record("200 levels did not parse")
            return
        }
    }
}
