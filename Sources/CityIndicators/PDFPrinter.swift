import Foundation

/// Prints report.html to PDF with a headless Chromium found in PATH.
public enum PDFPrinter {
    public static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first browser of `browsers` that is an executable in PATH.
    public static func findBrowser(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        let dirs = (path ?? "").split(separator: ":").map(String.init)
        for name in browsers {
            for dir in dirs {
                let candidate = (dir as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Writes the HTML to a temporary folder, prints it to `output` and checks the result.
    public static func print(html: String, to output: String, browser: String, timeout: TimeInterval = 180) throws {
        let fm = FileManager.default
        let work = (NSTemporaryDirectory() as NSString).appendingPathComponent("cityind-pdf-\(UUID().uuidString)")
        try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: work) }
        let htmlPath = (work as NSString).appendingPathComponent("report.html")
        try html.write(toFile: htmlPath, atomically: true, encoding: .utf8)
        let target = URL(
            fileURLWithPath: output, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)
        ).standardizedFileURL.path
        try? fm.removeItem(atPath: target)
        let log = (work as NSString).appendingPathComponent("browser.log")
        guard fm.createFile(atPath: log, contents: nil), let logHandle = FileHandle(forWritingAtPath: log) else {
            throw InputError("cannot write \(log)")
        }
        defer { try? logHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
            "--user-data-dir=" + (work as NSString).appendingPathComponent("profile"),
            "--print-to-pdf=" + target, URL(fileURLWithPath: htmlPath).absoluteString,
        ]
        process.standardOutput = logHandle
        process.standardError = logHandle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw InputError("cannot run \(browser): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(100_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw InputError(
                "\(browser) did not finish printing within \(Int(timeout)) s",
                hint: "Print report.html to PDF from a browser instead.")
        }
        let head = fm.contents(atPath: target).map { Data($0.prefix(5)) } ?? Data()
        guard process.terminationStatus == 0, head.starts(with: Array("%PDF-".utf8)) else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let tail = text.split(separator: "\n").suffix(8).joined(separator: "\n")
            throw InputError(
                "\(browser) did not write a PDF (exit \(process.terminationStatus))\(tail.isEmpty ? "" : ":\n" + tail)",
                hint: "Print report.html to PDF from a browser instead.")
        }
    }
}
