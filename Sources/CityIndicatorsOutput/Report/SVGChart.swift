import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

/// Inline SVG charts for reports: no scripts, no external references, readable in black and
/// white (every series has its own pattern and every bar and point a text label) and coloured
/// with the Okabe–Ito palette, which colour-blind readers can tell apart.
public enum SVGChart {
    /// The Okabe–Ito palette.
    public enum Palette {
        public static let orange = "#E69F00"
        public static let skyBlue = "#56B4E9"
        public static let bluishGreen = "#009E73"
        public static let yellow = "#F0E442"
        public static let blue = "#0072B2"
        public static let vermillion = "#D55E00"
        public static let reddishPurple = "#CC79A7"
        public static let black = "#000000"
    }

    /// How a series is drawn: a fill colour and a pattern over it.
    public enum Fill: String, Sendable, CaseIterable {
        case solidGreen, hatchedOrange, dottedWhite, crossedGrey

        func defs(_ prefix: String) -> String {
            let id = "\(prefix)-\(rawValue)"
            switch self {
            case .solidGreen:
                return ""
            case .hatchedOrange:
                return
                    "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"\(Palette.orange)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"2\"/></pattern>"
            case .dottedWhite:
                return
                    "<pattern id=\"\(id)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" height=\"5\" fill=\"#fff\"/><circle cx=\"2.5\" cy=\"2.5\" r=\"1\" fill=\"#555\"/></pattern>"
            case .crossedGrey:
                return
                    "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#bbb\"/><path d=\"M0 0L6 6M6 0L0 6\" stroke=\"#000\" stroke-width=\"0.8\"/></pattern>"
            }
        }

        func paint(_ prefix: String) -> String {
            self == .solidGreen ? Palette.bluishGreen : "url(#\(prefix)-\(rawValue))"
        }
    }

    public struct Segment: Sendable {
        public var count: Int
        public var fill: Fill
        public init(_ count: Int, _ fill: Fill) {
            self.count = count
            self.fill = fill
        }
    }

    public struct Bar: Sendable {
        public var label: String
        public var segments: [Segment]
        /// Text at the end of the bar (`7/10`).
        public var note: String
        public init(label: String, segments: [Segment], note: String) {
            self.label = label
            self.segments = segments
            self.note = note
        }
    }

    /// Horizontal stacked bars, one per row, each as long as its total relative to the largest.
    /// - Parameters:
    ///   - id: unique in the document (prefixes the patterns and the title and description ids).
    ///   - legend: the name of each fill, in the order shown.
    public static func stackedBars(
        id: String, title: String, description: String, bars: [Bar], legend: [(Fill, String)]
    ) -> String {
        // Layout, in SVG user units.
        let (labelWidth, barWidth, noteWidth, rowHeight, top) = (260.0, 360.0, 60.0, 18.0, 30.0)
        let width = labelWidth + barWidth + noteWidth
        let height = top + Double(bars.count) * rowHeight + 6
        let largest = max(1, bars.map { $0.segments.reduce(0) { $0 + $1.count } }.max() ?? 1)
        var svg =
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg +=
            "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
        svg += "<defs>" + Fill.allCases.map { $0.defs(id) }.joined() + "</defs>"
        var x = 0.0
        for (fill, name) in legend {
            svg +=
                "<rect x=\"\(n(x))\" y=\"4\" width=\"14\" height=\"12\" fill=\"\(fill.paint(id))\" stroke=\"#000\" stroke-width=\"0.6\"/>"
            svg += "<text x=\"\(n(x + 18))\" y=\"14\" class=\"legend\">\(HTML.escape(name))</text>"
            x += 30 + Double(name.count) * 6.8
        }
        for (row, bar) in bars.enumerated() {
            let y = top + Double(row) * rowHeight
            svg +=
                "<text x=\"\(n(labelWidth - 6))\" y=\"\(n(y + 12))\" text-anchor=\"end\" class=\"label\">\(HTML.escape(truncate(bar.label, 42)))</text>"
            var left = labelWidth
            for segment in bar.segments where segment.count > 0 {
                let w = barWidth * Double(segment.count) / Double(largest)
                svg +=
                    "<rect x=\"\(n(left))\" y=\"\(n(y + 2))\" width=\"\(n(w))\" height=\"\(n(rowHeight - 5))\" fill=\"\(segment.fill.paint(id))\" stroke=\"#000\" stroke-width=\"0.6\"/>"
                left += w
            }
            svg += "<text x=\"\(n(left + 5))\" y=\"\(n(y + 12))\" class=\"note\">\(HTML.escape(bar.note))</text>"
        }
        return svg + "</svg>"
    }

    /// A small line chart of one indicator over the years; points carry their values as text and
    /// the report year is drawn as a larger square.
    /// - Parameter points: every year of the workspace, nil where there is no value.
    public static func trend(
        id: String, title: String, description: String, points: [(year: Int, value: Double?)], highlight: Int,
        format: (Double) -> String
    ) -> String {
        // Layout, in SVG user units.
        let (width, height, left, right, top, bottom) = (220.0, 104.0, 14.0, 14.0, 20.0, 22.0)
        let present = points.compactMap { p in p.value.map { (p.year, $0) } }
        let low = present.map(\.1).min() ?? 0
        let high = present.map(\.1).max() ?? 1
        let span = high - low
        func x(_ i: Int) -> Double {
            points.count == 1 ? width / 2 : left + (width - left - right) * Double(i) / Double(points.count - 1)
        }
        func y(_ v: Double) -> Double {
            span == 0 ? (top + height - bottom) / 2 + 4 : top + (height - top - bottom) * (1 - (v - low) / span)
        }
        var svg =
            "<svg class=\"trend\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg +=
            "<title id=\"\(id)-title\">\(HTML.escape(title))</title><desc id=\"\(id)-desc\">\(HTML.escape(description))</desc>"
        let axis = height - bottom + 4
        svg +=
            "<line x1=\"\(n(left - 6))\" y1=\"\(n(axis))\" x2=\"\(n(width - right + 6))\" y2=\"\(n(axis))\" stroke=\"#777\" stroke-width=\"0.7\"/>"
        // Line segments join neighbouring years that both have a value.
        var path = ""
        var previous: Int?
        for (i, p) in points.enumerated() {
            guard let v = p.value else {
                previous = nil
                continue
            }
            path += (previous == i - 1 ? "L" : "M") + "\(n(x(i))) \(n(y(v)))"
            previous = i
        }
        if !path.isEmpty {
            svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(Palette.blue)\" stroke-width=\"1.6\"/>"
        }
        let labelAll = points.count <= 5
        for (i, p) in points.enumerated() {
            svg +=
                "<text x=\"\(n(x(i)))\" y=\"\(n(height - 4))\" text-anchor=\"middle\" class=\"year\">\(p.year)</text>"
            guard let v = p.value else {
                svg += "<text x=\"\(n(x(i)))\" y=\"\(n(axis - 4))\" text-anchor=\"middle\" class=\"none\">n/a</text>"
                continue
            }
            if p.year == highlight {
                svg +=
                    "<rect x=\"\(n(x(i) - 4))\" y=\"\(n(y(v) - 4))\" width=\"8\" height=\"8\" fill=\"\(Palette.vermillion)\" stroke=\"#000\" stroke-width=\"0.6\"/>"
            } else {
                svg +=
                    "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"3\" fill=\"#fff\" stroke=\"\(Palette.blue)\" stroke-width=\"1.4\"/>"
            }
            if labelAll || i == 0 || i == points.count - 1 || p.year == highlight {
                let anchor = points.count == 1 ? "middle" : i == 0 ? "start" : i == points.count - 1 ? "end" : "middle"
                let tx = anchor == "start" ? x(i) - 6 : anchor == "end" ? x(i) + 6 : x(i)
                svg +=
                    "<text x=\"\(n(tx))\" y=\"\(n(y(v) - 7))\" text-anchor=\"\(anchor)\" class=\"value\(p.year == highlight ? " current" : "")\">\(HTML.escape(format(v)))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// A coordinate with at most one decimal, so output is short and stable.
    static func n(_ value: Double) -> String {
        let text = Format.fixed(value, decimals: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    static func truncate(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
