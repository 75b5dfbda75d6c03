import CityIndicatorsBase
import CityIndicatorsCatalog
import CityIndicatorsCompute
import CityIndicatorsIntake

extension HTMLReport {
    /// A CSS string literal; `<` and `>` are escaped so no text can close the style element.
    static func cssString(_ text: String) -> String { Escape.cssString(text) }

    /// Screen and A4 print styles. Colours are Okabe–Ito; every status also has a mark or a word.
    static func style(_ d: ReportData) -> String {
        let footer = cssString("\(d.city.name) — \(d.standardLabel) — \(d.year)")
        return """
            :root { --green: #009E73; --orange: #E69F00; --blue: #0072B2; --vermillion: #D55E00; --sky: #56B4E9; --rule: #8a8a8a; }
            * { box-sizing: border-box; }
            html { font-family: "DejaVu Sans", "Noto Sans", "Segoe UI", Helvetica, Arial, sans-serif; font-size: 15px; line-height: 1.4; color: #111; background: #fff; }
            body { margin: 0 auto; max-width: 1180px; padding: 1.5rem; }
            h1 { font-size: 2.1rem; margin: 0.2rem 0 0.4rem; }
            h2 { font-size: 1.35rem; border-bottom: 2px solid #111; padding-bottom: 0.15rem; margin: 2rem 0 0.7rem; }
            h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
            p { margin: 0.4rem 0; }
            code, .code, .hash { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.85em; }
            .hash { word-break: break-all; font-size: 0.75em; }
            .id, .small, .hint, .unit { color: #444; font-size: 0.85em; }
            .fine { font-size: 0.85rem; color: #333; max-width: 42rem; }
            .note { font-size: 0.9rem; border-left: 4px solid var(--sky); padding: 0.3rem 0.6rem; background: #f3f8fc; }
            .warning { border: 2px solid var(--vermillion); padding: 0.4rem 0.6rem; }
            .cover { padding: 2rem 0 1rem; border-bottom: 4px solid var(--blue); }
            .cover .kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.85rem; color: #333; }
            .cover .year { font-size: 1.4rem; margin: 0 0 1rem; }
            .badge { display: inline-block; border: 3px double #111; padding: 0.5rem 1rem; margin: 0.5rem 0 1.2rem; font-size: 1.3rem; }
            .badge-label { display: block; font-size: 0.75rem; text-transform: uppercase; letter-spacing: 0.05em; }
            .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.2rem; margin: 0 0 1.2rem; }
            .facts dt { font-weight: bold; }
            .facts dd { margin: 0; }
            .toc ul { columns: 2; padding-left: 0; list-style: none; }
            .toc li { margin: 0.1rem 0; }
            .toc a { color: inherit; }
            .keyfigures { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr)); gap: 0.6rem; margin: 0.5rem 0 0.8rem; }
            .keyfigure { border: 1px solid var(--rule); border-top: 4px solid var(--blue); padding: 0.4rem 0.6rem; }
            .keyfigure p { margin: 0; font-size: 0.85rem; }
            .keyfigure .figure { font-size: 1.45rem; font-weight: bold; }
            ul.flags { margin: 0.2rem 0 0.6rem; }
            table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1.2rem; font-size: 0.82rem; }
            caption { caption-side: top; text-align: left; font-weight: bold; padding: 0.2rem 0; }
            th, td { border: 1px solid var(--rule); padding: 0.2rem 0.35rem; vertical-align: top; text-align: left; }
            thead th { background: #e4e4e4; }
            tbody th { font-weight: bold; white-space: nowrap; }
            .num { text-align: right; font-variant-numeric: tabular-nums; }
            td.num { white-space: nowrap; }
            td.text { overflow-wrap: anywhere; }
            td.code { overflow-wrap: break-word; }
            td.nowrap { white-space: nowrap; }
            td.hash { min-width: 20em; }
            table.kv th { width: 11rem; }
            table.indicators { table-layout: fixed; font-size: 0.8rem; }
            table.indicators td, table.indicators th { overflow-wrap: anywhere; }
            table.indicators td.num { white-space: normal; }
            col.c-clause { width: 4.5%; } col.c-title { width: 13.5%; } col.c-type { width: 6.5%; } col.c-value { width: 6.5%; }
            col.c-unit { width: 6%; } col.c-q { width: 8.5%; } col.c-mult { width: 5.5%; } col.c-year { width: 4%; }
            col.c-source { width: 18.5%; } col.c-notes { width: 11%; } col.c-status { width: 7%; }
            table.method { table-layout: fixed; }
            table.method col.c-clause { width: 6%; } table.method col.c-def { width: 70%; } table.method col.c-conf { width: 24%; }
            .status .mark { font-weight: bold; }
            tr.s-computed .status, td.s-computed { border-left: 4px solid var(--green); }
            tr.s-not_computable, td.s-not_computable { background: #fdf1d8; }
            tr.s-not_submitted .status, td.s-not_submitted { color: #333; font-style: italic; }
            tr.s-not_defined, td.s-not_defined { background: #eee; }
            tr.flagged td, tr.flagged th { font-weight: bold; }
            tr.flagged th { border-left: 4px solid var(--vermillion); }
            tr.unmet td:last-child { font-style: italic; }
            tr.sev-error th { border-left: 4px solid var(--vermillion); }
            figure { margin: 0.4rem 0 1rem; }
            figcaption { font-size: 0.85rem; color: #222; }
            svg.chart { max-width: 100%; height: auto; }
            svg text { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; fill: #111; }
            svg .label, svg .note, svg .legend { font-size: 11px; }
            svg .year { font-size: 9px; fill: #333; }
            svg .value { font-size: 9px; }
            svg .value.current { font-weight: bold; }
            svg .none { font-size: 8px; fill: #555; }
            .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 0.5rem 0.8rem; }
            figure.trend { margin: 0; border: 1px solid #ccc; padding: 0.2rem 0.3rem; }
            figure.trend figcaption { font-size: 0.72rem; line-height: 1.25; }
            .signoff table th { width: 10rem; }
            .signoff table td { height: 3.2rem; }
            .signoff table tr.seal td { height: 6rem; }
            @media print {
              @page { size: A4; margin: 14mm 11mm 16mm; @bottom-left { content: \(footer); font-size: 7.5pt; color: #444; } @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 7.5pt; color: #444; } }
              html { font-size: 9pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              body { max-width: none; padding: 0; }
              .cover { border-bottom: none; padding-top: 30mm; break-after: page; }
              .toc { break-after: page; }
              .toc a::after { content: ""; }
              h2 { margin-top: 0; }
              section.theme { page: landscape; }
              @page landscape { size: A4 landscape; margin: 11mm 12mm 14mm; }
              section.theme, section.part, section.annex, section.signoff, #certification, #completeness { break-before: page; }
              thead { display: table-header-group; }
              tfoot { display: table-footer-group; }
              tr, figure, .keyfigure, .badge, .signature { break-inside: avoid; }
              h2, h3, caption, figcaption { break-after: avoid; }
              .multiples { grid-template-columns: repeat(3, 1fr); }
              a { color: inherit; text-decoration: none; }
            }

            """
    }
}
