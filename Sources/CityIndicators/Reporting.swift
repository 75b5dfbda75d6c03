import Foundation

/// The files a report can be written as.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, md, csv, json

    public var fileName: String {
        switch self {
        case .html: "report.html"
        case .md: "report.md"
        case .csv: "indicators.csv"
        case .json: "report.json"
        }
    }

    /// A comma-separated list (`html,csv`); empty means every format.
    public static func parse(_ lists: [String]) throws -> [ReportFormat] {
        let names = lists.flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }.filter { !$0.isEmpty }
        for name in names where ReportFormat(rawValue: name) == nil {
            throw InputError(
                "unknown report format '\(name)'", hint: "Formats: html, md, csv, json (and --pdf).")
        }
        return names.isEmpty ? allCases : allCases.filter { names.contains($0.rawValue) }
    }
}

extension City {
    /// The certification report of a year and framework, each year compared with the earlier one
    /// by the one previous-year policy.
    public func report(year: Int, framework: String, options: ReportOptions) throws -> ReportData {
        try ReportData.build(
            workspace: workspace, catalog: catalog, year: year, framework: framework, options: options,
            earlierYear: { try earlierYear(before: $0) })
    }

    /// This city's results on `frameworks` for scoring with others, at `year` (an error when it
    /// has no such year folder) or at its latest year (nil when it has none).
    public func scoreInput(year: Int?, frameworks: [String]) throws -> ScoreInput? {
        guard let year = year ?? workspace.years.last else { return nil }
        // Scores show no diagnostics, so the submissions are not compared with an earlier year.
        let set = try workspace.submissions(year: year, catalog: catalog)
        return ScoreInput(
            city: profile.name, ulbCode: profile.ulbCode, year: year,
            population: set.values["population_total"]?.value,
            results: IndicatorComputer(catalog: catalog).compute(frameworks: frameworks, set: set, year: year))
    }

    /// `report-<ulb code>-<year>`, safe as a folder name.
    public func reportFolderName(year: Int) -> String {
        let slug = String(
            profile.ulbCode.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
        return "report-\(slug.isEmpty ? "city" : slug)-\(year)"
    }
}

/// Writes a report's files into a folder.
public enum ReportWriter {
    /// Writes each format (and report.pdf when a browser is given) into `folder`, created if
    /// needed; returns the paths written, in order.
    public static func write(
        _ data: ReportData, formats: [ReportFormat], into folder: String, csvByteOrderMark: Bool = false,
        pdfBrowser: String? = nil
    ) throws -> [String] {
        try checkOutputFolder(folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InputError(
                "cannot create \(folder): \(error.localizedDescription)", hint: "Check the permissions of its parent.")
        }
        var written: [String] = []
        var html: String?
        for format in formats {
            let text: String
            switch format {
            case .html:
                text = HTMLReport.render(data)
                html = text
            case .md: text = MarkdownReport.render(data)
            case .csv: text = ReportCSV.render(data, byteOrderMark: csvByteOrderMark)
            case .json: text = try ReportJSON.render(data)
            }
            let path = (folder as NSString).appendingPathComponent(format.fileName)
            try TextFile.write(text, to: path)
            written.append(path)
        }
        if let pdfBrowser {
            let path = (folder as NSString).appendingPathComponent("report.pdf")
            try PDFPrinter.print(html: html ?? HTMLReport.render(data), to: path, browser: pdfBrowser)
            written.append(path)
        }
        return written
    }
}

extension ReportWriter {
    /// A report folder must be a folder (no part of its path a file) and lie outside every year
    /// folder of a workspace, where its files would be read as submissions.
    static func checkOutputFolder(_ folder: String) throws {
        var path = URL(fileURLWithPath: folder).standardizedFileURL.path
        while path != "/" && !path.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw InputError(
                    "cannot write the report into \(folder): \(path) is a file, not a folder",
                    hint: "Give --out a folder.")
            }
            if Workspace.yearFolder(path) != nil {
                throw InputError(
                    "cannot write the report into \(folder): it is inside the year folder \(path)",
                    hint:
                        "Write reports outside the workspace's year folders; every file there is read as a submission.")
            }
            path = (path as NSString).deletingLastPathComponent
        }
    }
}

/// Cities to score together on an index framework.
public enum ScoreInputs {
    /// Every city of a store, each at `year` or its latest year.
    public static func fromStore(_ store: Store, catalog: Catalog, framework: String, year: Int?) throws -> [ScoreInput]
    {
        var inputs: [ScoreInput] = []
        for city in try store.cities() {
            guard let id = city.id, let y = try year ?? store.years(cityID: id).last else { continue }
            let stored = try store.latest(cityID: id, year: y)
            guard !stored.submissions.isEmpty else { continue }
            inputs.append(
                ScoreInput(
                    city: city.name, ulbCode: city.ulbCode, year: y,
                    population: stored.values["population_total"]?.value,
                    results: stored.compute(catalog, frameworks: [framework])))
        }
        return inputs
    }

    /// The cities of these workspaces, each at `year` or its latest year. A city without that
    /// year is an error, or left out with `skippingCitiesWithoutTheYear` (a report's peers).
    public static func fromWorkspaces(
        _ paths: [String], catalog: Catalog, frameworks: [String], year: Int?,
        skippingCitiesWithoutTheYear: Bool = false
    ) throws -> [ScoreInput] {
        try paths.compactMap { path in
            let city = try City.open(path, catalog: catalog)
            if skippingCitiesWithoutTheYear, let year, !city.workspace.years.contains(year) { return nil }
            return try city.scoreInput(year: year, frameworks: frameworks)
        }
    }
}
