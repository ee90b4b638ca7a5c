import PlannerModel

/// The HTML page around a report: one self-contained file, inline CSS, no scripts, no fonts or
/// images from elsewhere, readable on screen and on paper.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        <footer><p class="note">\(escape(BuildInfo.program))</p></footer>
        </body>
        </html>

        """
    }

    static let style = """
        :root { --ink: #1f2328; --muted: #57606a; --rule: #d0d7de; --paper: #ffffff; --tint: #f6f8fa;
                --interpreter: #0072b2; --officer: #d55e00; --both: #009e73; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: var(--paper); color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 24px 28px 48px; }
        footer { max-width: 980px; margin: 0 auto; padding: 0 28px 24px; }
        h1 { font-size: 1.7em; margin: 0 0 4px; }
        h2 { font-size: 1.25em; margin: 32px 0 6px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
        h3 { font-size: 1.05em; margin: 20px 0 4px; }
        p { margin: 6px 0; max-width: 75ch; }
        .lead { color: var(--muted); }
        .notice { border-left: 4px solid var(--officer); background: #fff4ec; padding: 8px 12px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; margin: 16px 0; }
        .card { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; background: var(--tint); }
        .card .role { font-weight: 600; }
        .card .big { font-size: 2em; font-weight: 700; line-height: 1.2; }
        .card .small { color: var(--muted); font-size: 0.9em; }
        .card.interpreter { border-top: 4px solid var(--interpreter); }
        .card.officer { border-top: 4px solid var(--officer); }
        .card.both { border-top: 4px solid var(--both); }
        figure { margin: 12px 0 4px; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        svg { display: block; width: 100%; height: auto; max-width: 820px; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; fill: var(--ink); }
        svg .axis { stroke: var(--rule); }
        svg .muted { fill: var(--muted); font-style: italic; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; margin: 8px 0 4px; font-size: 0.88em; }
        th.group { text-align: center; border-bottom: 2px solid var(--rule); }
        caption { text-align: left; color: var(--muted); font-size: 0.9em; padding-bottom: 2px; }
        th, td { padding: 3px 8px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        th { background: var(--tint); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.suppressed { color: var(--muted); font-style: italic; }
        .note { color: var(--muted); font-size: 0.88em; }
        dl { margin: 6px 0; }
        dt { font-weight: 600; margin-top: 6px; }
        dd { margin: 0 0 0 1.5em; max-width: 75ch; }
        section { break-inside: auto; }
        @media print {
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          h2, h3, figcaption { break-after: avoid; }
          figure, table, .cards { break-inside: avoid; }
          .scroll { overflow: visible; }
          svg { max-width: 100%; }
          .card { background: none; }
        }
        @page { size: A4; margin: 14mm; }
        """
}
