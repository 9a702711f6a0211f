import Testing

@testable import Traces

struct HTMLTextTests {
  @Test func markupCharactersBecomeReferences() {
    #expect(
      HTMLText.escaped("<script>alert('x') & \"y\"</script>")
        == "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
    #expect(HTMLText.escaped("&amp;") == "&amp;amp;")
    #expect(HTMLText.escaped("plain ünïcödé 日本語") == "plain ünïcödé 日本語")
  }

  @Test func controlCharactersShowAsEscapesButLineBreaksStay() {
    #expect(HTMLText.escaped("a\u{1B}b\r\nc\td\u{0}") == "a\\u001bb\\u000d\nc\td\\u0000")
    #expect(HTMLText.escaped("\u{85}\u{7F}") == "\\u0085\\u007f")
  }

  @Test func writerEscapesAttributesAndText() {
    var html = MarkupWriter()
    html.element("td", [("title", "a\"b'c")], text: "<b>&")
    #expect(html.text == "<td title=\"a&quot;b&#39;c\">&lt;b&gt;&amp;</td>")
  }

  @Test func tableCellsAreEscapedAndNumbersAligned() {
    var table = HTMLTable(columns: ["metric", "<x>"])
    table.append([.init(text: "a<b"), .init(text: "1,629", tooltip: "1629", isNumeric: true)])
    let html = table.rendered
    #expect(html.contains("<th>&lt;x&gt;</th>"))
    #expect(html.contains("<tr><th>a&lt;b</th><td class=\"n\" title=\"1629\">1,629</td></tr>"))
  }

  @Test func pageHasNoScriptAndForbidsLoading() {
    var page = HTMLPage(title: "t</title><script>")
    page.sections = [.init(id: "s", title: "S", body: "<p>body</p>")]
    let html = page.rendered
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<title>t&lt;/title&gt;&lt;script&gt;</title>"))
    #expect(!html.contains("<script"))
    #expect(
      html.contains("content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;\""))
    #expect(html.contains("<a href=\"#s\">S</a>"))
    #expect(html.hasSuffix("</html>\n"))
  }
}
