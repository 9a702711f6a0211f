/// Builds HTML or SVG text element by element, escaping every attribute value and text through
/// `HTMLText`, so that no caller writes a `<` or a quote of its own by mistake.
///
/// Attributes are written in the order given (an array of pairs, not a dictionary), so equal
/// calls give equal bytes.
struct MarkupWriter {
  /// The markup so far.
  private(set) var text = ""

  /// `<name a="v" …>`.
  mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    text += "<" + name
    appendAttributes(attributes)
    text += ">"
  }

  /// `</name>`.
  mutating func close(_ name: String) {
    text += "</" + name + ">"
  }

  /// `<name a="v" …/>`, for SVG elements without content.
  mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
    text += "<" + name
    appendAttributes(attributes)
    text += "/>"
  }

  /// `<name …>text</name>`, with `<title>tooltip</title>` inside first when `tooltip` is not
  /// empty (a tooltip on an SVG element).
  mutating func element(
    _ name: String, _ attributes: [(String, String)] = [], text content: String,
    tooltip: String = ""
  ) {
    open(name, attributes)
    if !tooltip.isEmpty { element("title", text: tooltip) }
    text += HTMLText.escaped(content)
    close(name)
  }

  /// Markup made elsewhere (a chart, a table), taken as it is.
  mutating func raw(_ markup: String) {
    text += markup
  }

  /// A line break in the source, between block elements, to keep the page readable as text.
  mutating func newline() {
    text += "\n"
  }

  private mutating func appendAttributes(_ attributes: [(String, String)]) {
    for (name, value) in attributes {
      text += " " + name + "=\"" + HTMLText.escaped(value) + "\""
    }
  }
}
