import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

extension HTMLReport {
    /// One section per index framework of city.yaml: the index, pillar and category scores, a chart.
    static func indexes(_ d: ReportData) -> String {
        var h = ""
        for (n, x) in d.indexes.enumerated() {
            let s = x.score
            h += "<section id=\"index-\(HTML.id(x.framework.id))\">\n<h2>\(e(x.framework.title))</h2>\n"
            h +=
                "<p>Index <strong>\(Format.fixed(s.index, decimals: 2))</strong> of \(Format.plain(x.settings.scale)); rank \(s.rank) of \(x.groupSize) in the group \(e(x.settings.groups.first { $0.id == s.group }?.title ?? "of all cities scored")). "
            h +=
                "Scoring: \(e(x.settings.normalisation.rawValue)), benchmarks \(e(x.settings.benchmarks.rawValue)), missing data \(e(x.settings.missing.rawValue)); \(s.missing) indicator(s) without a value. "
            if x.groupSize < 2 {
                h +=
                    "<strong>Scored alone:</strong> scores are relative to the cities scored together, so every indicator without a fixed norm counts as the group's best here; run <code>cityind report … --peers</code> with the other cities of the group for a comparable score."
            }
            h += "</p>\n<table class=\"results\">\n<caption>Pillars of \(e(x.framework.id)), \(d.year)</caption>\n"
            h += head(["Pillar", "Weight", "Score", "Weighted"], numeric: [1, 2, 3]) + "<tbody>\n"
            for p in x.framework.pillars {
                let v = s.pillars[p.id]
                h +=
                    "<tr><th scope=\"row\">\(e(p.title))</th>\(num(Format.fixed(p.weight, decimals: 2)))\(num(v.map { Format.fixed($0, decimals: 2) } ?? "—"))\(num(v.map { Format.fixed($0 * p.weight, decimals: 2) } ?? "—"))</tr>\n"
            }
            h +=
                "<tr><th scope=\"row\">Index</th><td></td><td></td>\(num(Format.fixed(s.index, decimals: 2)))</tr>\n</tbody>\n</table>\n"
            let bars = x.framework.themes.compactMap { t -> SVGChart.Bar? in
                guard let v = s.categories[t.id] else { return nil }
                let scaled = Int((v / max(x.settings.scale, 1) * 100).rounded())
                return SVGChart.Bar(
                    label: "\(t.clause) \(t.title)",
                    segments: [.init(max(0, scaled), .solidGreen), .init(max(0, 100 - scaled), .dottedWhite)],
                    note: Format.fixed(v, decimals: 1))
            }
            h +=
                "<figure class=\"chart\">\n"
                + SVGChart.stackedBars(
                    id: "chart-index-\(n)", title: "Category scores, \(x.framework.id), \(d.year)",
                    description:
                        "One bar per category, its score out of \(Format.plain(x.settings.scale)) (solid) and the rest (dotted). The table below gives the same numbers.",
                    bars: bars, legend: [(.solidGreen, "score"), (.dottedWhite, "to the maximum")])
            h += "\n<figcaption>Category scores of \(e(x.framework.id)), \(d.year).</figcaption>\n</figure>\n"
            h += "<table class=\"results\">\n<caption>Categories of \(e(x.framework.id)), \(d.year)</caption>\n"
            h += head(["Category", "Pillar", "Score"], numeric: [2]) + "<tbody>\n"
            for t in x.framework.themes {
                guard let v = s.categories[t.id] else { continue }
                h +=
                    "<tr><th scope=\"row\">\(e(t.clause)) \(e(t.title))</th><td>\(e(x.framework.pillars.first { $0.id == t.pillar }?.title ?? ""))</td>\(num(Format.fixed(v, decimals: 2)))</tr>\n"
            }
            h += "</tbody>\n</table>\n</section>\n"
        }
        return h
    }
}
