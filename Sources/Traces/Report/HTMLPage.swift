/// A self-contained HTML page: one file with its CSS inline, its figures as inline SVG, no
/// script and nothing fetched (a Content-Security-Policy forbids it), so it opens from disk in
/// any browser, with no server and no network.
///
/// The page is a heading, a few lines under it, a table of contents and the sections in order.
/// Every text given as `String` is escaped; `body` markup comes from `MarkupWriter`, `HTMLTable`
/// or `SVGChart`, which escape their own text.
struct HTMLPage {
  /// A section of the page, listed in the table of contents.
  struct Section {
    /// The anchor (`summary`), unique in the page.
    var id: String
    var title: String
    /// The section's markup, under its heading.
    var body: String
  }

  var title: String
  /// Lines of plain text under the heading (the folder, the scenario, the seed).
  var lead: [String] = []
  var sections: [Section] = []

  /// The light, plain style of every report.
  static let style = """
    body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#fff;\
    max-width:1180px;margin:0 auto;padding:12px 24px 48px}
    h1{font-size:1.5em;margin:.4em 0 .2em}h2{font-size:1.2em;border-bottom:1px solid #ddd;\
    padding-bottom:.2em;margin-top:1.8em}h3{font-size:1em;margin:1.2em 0 .3em}
    .lead{margin:0;color:#444}nav ol{columns:3;font-size:14px}
    table{border-collapse:collapse;font-size:13px;margin:.5em 0}
    th,td{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}
    th{background:#f5f5f5;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
    .scroll{overflow-x:auto}figure{margin:.5em 0 1.5em}
    figcaption{color:#555;font-size:13px;max-width:60em;margin-top:.3em}
    .panels{display:flex;flex-wrap:wrap;gap:4px 12px}.panel h4{margin:.2em 0 0;font-size:13px}
    svg{max-width:100%;height:auto}.note{color:#666;font-style:italic}
    pre{background:#f6f6f6;border:1px solid #e4e4e4;padding:8px;overflow:auto;font-size:12px;\
    max-height:36em}
    """

  /// The page as HTML text, ending in a newline.
  var rendered: String {
    var html = MarkupWriter()
    html.raw("<!DOCTYPE html>\n")
    html.open("html", [("lang", "en")])
    html.newline()
    html.open("head")
    html.newline()
    html.empty("meta", [("charset", "utf-8")])
    html.newline()
    html.empty(
      "meta",
      [
        ("http-equiv", "Content-Security-Policy"),
        ("content", "default-src 'none'; style-src 'unsafe-inline'"),
      ])
    html.newline()
    html.empty("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")])
    html.newline()
    html.element("title", text: title)
    html.newline()
    html.raw("<style>\n" + Self.style + "\n</style>\n")
    html.close("head")
    html.newline()
    html.open("body")
    html.newline()
    html.element("h1", text: title)
    html.newline()
    for line in lead {
      html.element("p", [("class", "lead")], text: line)
      html.newline()
    }
    html.open("nav")
    html.open("ol")
    for section in sections {
      html.open("li")
      html.element("a", [("href", "#" + section.id)], text: section.title)
      html.close("li")
    }
    html.close("ol")
    html.close("nav")
    html.newline()
    for section in sections {
      html.open("section", [("id", section.id)])
      html.newline()
      html.element("h2", text: section.title)
      html.newline()
      html.raw(section.body)
      html.close("section")
      html.newline()
    }
    html.close("body")
    html.newline()
    html.close("html")
    html.newline()
    return html.text
  }

  // MARK: - Pieces of sections

  /// A figure: its heading, one or more charts (each under its own small heading when there are
  /// several: a panel per scheme), notes and a caption saying what is drawn.
  static func figure(
    id: String, title: String, panels: [(title: String, svg: String)], caption: String,
    notes: [String] = []
  ) -> String {
    var html = MarkupWriter()
    html.open("figure", [("id", id)])
    html.newline()
    html.element("h3", text: title)
    html.newline()
    if panels.isEmpty {
      // A figure with nothing to draw keeps its id and says why in its caption.
    } else if panels.count == 1 {
      html.raw(panels[0].svg)
      html.newline()
    } else {
      html.open("div", [("class", "panels")])
      for panel in panels {
        html.open("div", [("class", "panel")])
        html.element("h4", text: panel.title)
        html.raw(panel.svg)
        html.close("div")
        html.newline()
      }
      html.close("div")
    }
    for note in notes { html.element("p", [("class", "note")], text: note) }
    html.element("figcaption", text: caption)
    html.newline()
    html.close("figure")
    html.newline()
    return html.text
  }

  /// A paragraph of plain text, `note` styled when it says what is not there.
  static func paragraph(_ text: String, isNote: Bool = false) -> String {
    var html = MarkupWriter()
    html.element("p", isNote ? [("class", "note")] : [], text: text)
    html.newline()
    return html.text
  }

  /// Preformatted text (a JSON file).
  static func preformatted(_ text: String) -> String {
    var html = MarkupWriter()
    html.element("pre", text: text)
    html.newline()
    return html.text
  }
}
