/// An HTML table built row by row: a header row (with an optional row of groups above it), then
/// rows whose first cell heads the row. Numbers are right-aligned; a cell may carry a tooltip (the
/// exact value behind a rounded one).
struct HTMLTable {
  /// One cell: its text, a tooltip, and whether it is a number.
  struct Cell {
    var text: String
    var tooltip = ""
    var isNumeric = false
  }

  /// The column headings.
  var columns: [String]
  /// Headings spanning several columns, above `columns`: each a label and how many columns it
  /// covers; empty for none.
  var groups: [(label: String, span: Int)] = []
  private(set) var rows: [[Cell]] = []

  init(columns: [String]) {
    self.columns = columns
  }

  /// Appends a row.
  /// - Precondition: one cell per column.
  mutating func append(_ cells: [Cell]) {
    precondition(
      cells.count == columns.count,
      "HTMLTable: \(cells.count) cells for \(columns.count) columns")
    rows.append(cells)
  }

  /// The table, in a box that scrolls sideways when it is wider than the page.
  var rendered: String {
    var html = MarkupWriter()
    html.open("div", [("class", "scroll")])
    html.open("table")
    html.open("thead")
    if !groups.isEmpty {
      html.open("tr")
      for group in groups {
        html.element(
          "th", group.span > 1 ? [("colspan", String(group.span))] : [], text: group.label)
      }
      html.close("tr")
    }
    html.open("tr")
    for column in columns { html.element("th", text: column) }
    html.close("tr")
    html.close("thead")
    html.newline()
    html.open("tbody")
    for row in rows {
      html.open("tr")
      for (index, cell) in row.enumerated() {
        var attributes: [(String, String)] = []
        if cell.isNumeric { attributes.append(("class", "n")) }
        if !cell.tooltip.isEmpty { attributes.append(("title", cell.tooltip)) }
        html.element(index == 0 ? "th" : "td", attributes, text: cell.text)
      }
      html.close("tr")
      html.newline()
    }
    html.close("tbody")
    html.close("table")
    html.close("div")
    html.newline()
    return html.text
  }
}
