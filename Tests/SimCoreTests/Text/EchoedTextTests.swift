import Testing

@testable import SimCore

struct EchoedTextTests {
  @Test(arguments: [
    ("plain/path ü", "plain/path ü"), ("a\nb", #"a\nb"#), ("a\r\tb", #"a\r\tb"#),
    ("\u{1B}[2J", #"\u001b[2J"#), ("nul\u{0}", #"nul\u0000"#), ("del\u{7F}", #"del\u007f"#),
    ("nel\u{85}", #"nel\u0085"#), ("ls\u{2028}", #"ls\u2028"#), ("rlo\u{202E}", #"rlo\u202e"#),
  ])
  func controlCharactersAreEscaped(text: String, expected: String) {
    #expect(EchoedText.escaped(text) == expected)
    // Escaping twice changes nothing: the escapes are printable.
    #expect(EchoedText.escaped(expected) == expected)
  }

  @Test func shortTextIsEchoedWhole() {
    #expect(EchoedText.echoed("h\n3", limit: 10) == #"h\n3"#)
  }

  @Test func longTextKeepsItsStartAndEndAndSaysItsLength() {
    // 200 letters with limit 30: 20 at the start (2/3 of 30), 10 at the end.
    let text = String(repeating: "a", count: 100) + String(repeating: "z", count: 100)
    #expect(
      EchoedText.echoed(text, limit: 30)
        == String(repeating: "a", count: 20) + "…(200 characters)…"
        + String(repeating: "z", count: 10))
  }

  @Test func escapesCountTowardsTheLimitAndAreNeverSplit() {
    // 1,000 ESC characters escape to 6,000 characters; the cut keeps whole `\u001b` escapes
    // within 20 + 10 characters: 3 at the start, 1 at the end.
    let echoed = EchoedText.echoed(String(repeating: "\u{1B}", count: 1_000), limit: 30)
    #expect(
      echoed
        == String(repeating: #"\u001b"#, count: 3) + "…(1000 characters)…" + #"\u001b"#)
  }
}
