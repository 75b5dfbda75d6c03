import Foundation
import Testing

/// Every class of bad input, through the built binary: the exit code, the location and the code.
@Suite(.serialized) final class HostileInputTests {
    /// A folder per test, removed after it.
    let dir = Fixtures.temporaryFolder("hostile")

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = "\(dir)/\(name)"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)), "cannot write \(path)")
        return path
    }

    func validate(_ path: String, _ extra: [String] = []) throws -> EndToEndTests.Run {
        try EndToEndTests().run(["validate", path] + extra, env: ["NO_COLOR": "1"])
    }

    static let header = Array("element,value,unit,source,notes\n".utf8)

    @Test func utf16IsNamedWithHowToResave() throws {
        let p = write(
            "water.csv", [0xFF, 0xFE] + Array("element,value\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let r = try validate(p)
        #expect(r.status == 1)
        #expect(r.stdout.contains("\(p):1:1: error[V001]: the file is UTF-16 (little-endian) text, not UTF-8"))
        #expect(r.stdout.contains("CSV UTF-8"))
    }

    @Test func latin1CellIsLocated() throws {
        let p = write(
            "water.csv",
            HostileInputTests.header + Array("water_supplied_total,5,ML_per_year,Mah".utf8) + [0xE9] + Array(",\n".utf8)
        )
        let r = try validate(p)
        #expect(r.status == 1)
        #expect(
            r.stdout.contains(
                "\(p):2:36: error[V001]: the source cell is not UTF-8 text (it reads as 'Mahé' in Latin-1/Windows-1252)"
            ))
    }

    @Test func semicolonsAreDetectedAndRead() throws {
        let p = write(
            "water.csv", Array("element;value;unit;source\nwater_supplied_total;509175;ML_per_year;meter\n".utf8))
        let r = try validate(p)
        #expect(r.status == 0)
        #expect(r.stdout.contains("\(p):1:8: warning[V002]"))
        #expect(r.stdout.contains("1 accepted"))
    }

    @Test func binaryJunkAndNULBytes() throws {
        var junk: [UInt8] = (0..<4096).map { UInt8(($0 * 7919 + 13) % 256) }
        junk[10] = 0
        let r = try validate(write("water.csv", junk))
        #expect(r.status == 1)
        #expect(r.stdout.contains(":1:1: error[V025]"))
        let nul = try validate(write("fire.csv", Array("element,value\nfire_deaths,4\n".utf8) + [0, 0]))
        #expect(nul.status == 1)
        #expect(nul.stdout.contains("error[V025]"))
    }

    @Test func unterminatedQuote() throws {
        let r = try validate(
            write(
                "water.csv", HostileInputTests.header + Array("water_supplied_total,\"509175,ML_per_year,meter,\n".utf8)
            ))
        #expect(r.status == 1)
        #expect(r.stdout.contains(":2:22: error[V006]: a quoted cell is never closed"))
    }

    @Test func aTenMegabyteCell() throws {
        let big = Array(repeating: UInt8(ascii: "x"), count: 10_000_000)
        let p = write(
            "water.csv",
            HostileInputTests.header + Array("water_supplied_total,509175,ML_per_year,meter,\"".utf8) + big
                + Array("\"\n".utf8))
        let r = try validate(p)
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("1 accepted, 0 not reported, 0 rejected"))
    }

    @Test func tenThousandColumns() throws {
        let cols = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
        let p = write(
            "water.csv",
            Array("element,value,unit,source,\(cols)\nwater_supplied_total,509175,ML_per_year,meter\n".utf8))
        let r = try validate(p, ["--max-errors", "1"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\(p):1:27: warning[V004]: column 'c0' is not used"))
        #expect(r.stdout.contains("10000 warning(s)"))
    }

    @Test func hugeNaNAndSpacedNumbers() throws {
        let p = write(
            "water.csv",
            HostileInputTests.header
                + Array(
                    "water_supplied_total,1e309,ML_per_year,m,\nwater_consumption_total,NaN,ML_per_year,m,\nwater_consumption_domestic, 187 640 ,ML_per_year,m,\n"
                        .utf8))
        let r = try validate(p)
        #expect(r.status == 1)
        #expect(
            r.stdout.contains("\(p):2:22: error[V010]: value '1e309' for water_supplied_total is not a finite number"))
        #expect(
            r.stdout.contains("\(p):3:25: error[V010]: value 'NaN' for water_consumption_total is not a finite number"))
        #expect(
            r.stdout.contains("\(p):4:28: error[V010]: value '187 640' for water_consumption_domestic is not a number"))
    }

    @Test func oneHundredThousandBadRows() throws {
        var text = "element,value,unit,source,notes\n"
        for i in 0..<100_000 { text += "water_sup\(i % 997)_total,abc,ML,src,\n" }
        let p = write("water.csv", Array(text.utf8))
        let r = try validate(p, ["--max-errors", "5"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("… 99995 more problem(s) not listed"))
        #expect(r.stdout.contains("0 accepted, 0 not reported, 100000 rejected — 100000 error(s)"))
    }

    /// Terminal escapes in data are shown, never obeyed (issue 13, S5): an OSC that sets the window
    /// title, a clear-screen, a form feed and a right-to-left override.
    @Test func controlCharactersFromDataAreShownNotObeyed() throws {
        let element = "a\u{1B}]0;TITLE\u{07}\u{1B}[2J\u{0C}b\u{202E}c"
        let path = write("water.csv", Array("element,value,unit,source,notes\n\(element),1,ML,src,\n".utf8))
        let r = try validate(path)
        #expect(r.status == 1)
        for raw in ["\u{1B}", "\u{07}", "\u{0C}", "\u{202E}"] {
            #expect(!r.stdout.contains(raw), "raw \(raw.unicodeScalars.first!.value) in the output")
        }
        #expect(r.stdout.contains("a\\u{1B}]0;TITLE\\u{7}\\u{1B}[2J\\u{C}b\\u{202E}c"), "\(r.stdout)")
    }

    @Test func missingAndUnreadablePathsExit2() throws {
        #expect(try validate("\(dir)/nope.csv").status == 2)
        // A pipe named like a CSV file: unreadable as a file for everyone, root included (CI
        // runs as root, who reads a chmod 000 file), and reading it would block forever.
        let pipe = dir + "/water.csv"
        #expect(mkfifo(pipe, 0o644) == 0)
        let r = try validate(pipe)
        #expect(r.status == 2)
        #expect(r.stderr.contains("water.csv: not a regular file"), "\(r.stderr)")
        let locked = write("locked.csv", HostileInputTests.header)
        chmod(locked, 0)
        defer { chmod(locked, 0o644) }
        if getuid() != 0 {  // root reads a chmod 000 file; the pipe above covers root
            #expect(try validate(locked).status == 2)
        }
        let empty = dir + "/empty-folder"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let e = try validate(empty)
        #expect(e.status == 2)
        #expect(e.stderr.contains("no .csv files in this folder"))
    }
}
