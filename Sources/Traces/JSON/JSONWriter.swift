/// Writes `JSONValue`s as indented text with members in their stored order: deterministic output
/// for manifests and topology files. Arrays and objects that hold only scalars and fit in 100
/// columns are written on one line, as people write them by hand.
public enum JSONWriter {
  /// `value` as pretty-printed JSON (two-space indent) ending in a newline.
  public static func write(_ value: JSONValue) -> String {
    var out = ""
    write(value, indent: 0, into: &out)
    out.append("\n")
    return out
  }

  private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
    if let inline = inlined(value), inline.count + 2 * indent <= 100 {
      out.append(inline)
      return
    }
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch value.kind {
    case .null: out.append("null")
    case .bool(let b): out.append(b ? "true" : "false")
    case .number(let n): out.append(n)
    case .string(let s): out.append(quoted(s))
    case .array(let items):
      if items.isEmpty { out.append("[]"); return }
      out.append("[\n")
      for (i, item) in items.enumerated() {
        out.append(pad)
        write(item, indent: indent + 1, into: &out)
        out.append(i + 1 < items.count ? ",\n" : "\n")
      }
      out.append(closePad + "]")
    case .object(let members):
      if members.isEmpty { out.append("{}"); return }
      out.append("{\n")
      for (i, member) in members.enumerated() {
        out.append(pad + quoted(member.key) + ": ")
        write(member.value, indent: indent + 1, into: &out)
        out.append(i + 1 < members.count ? ",\n" : "\n")
      }
      out.append(closePad + "}")
    }
  }

  /// One-line text of a scalar, or of an array or object of scalars; nil otherwise.
  private static func inlined(_ value: JSONValue) -> String? {
    switch value.kind {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n
    case .string(let s): return quoted(s)
    case .array(let items):
      var parts: [String] = []
      for item in items {
        if case .array = item.kind { return nil }
        if case .object = item.kind { return nil }
        parts.append(inlined(item)!)
      }
      return "[" + parts.joined(separator: ", ") + "]"
    case .object(let members):
      var parts: [String] = []
      for member in members {
        if case .object = member.value.kind { return nil }
        guard let inner = inlined(member.value) else { return nil }
        parts.append(quoted(member.key) + ": " + inner)
      }
      return "{" + parts.joined(separator: ", ") + "}"
    }
  }

  /// `value` on one line, `{"a": 1, "b": [2, 3]}`: a swept value in a CSV cell or a message.
  public static func compact(_ value: JSONValue) -> String {
    switch value.kind {
    case .array(let items): return "[" + items.map(compact).joined(separator: ", ") + "]"
    case .object(let members):
      let parts = members.map { quoted($0.key) + ": " + compact($0.value) }
      return "{" + parts.joined(separator: ", ") + "}"
    default: return inlined(value)!
    }
  }

  /// `s` as a JSON string literal.
  public static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out.append("\\\"")
      case "\\": out.append("\\\\")
      case "\n": out.append("\\n")
      case "\r": out.append("\\r")
      case "\t": out.append("\\t")
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

extension JSONValue {
  /// Builders for values written in code.
  public static func string(_ s: String) -> JSONValue { JSONValue(.string(s)) }
  public static func integer(_ n: some BinaryInteger) -> JSONValue { JSONValue(.number(String(n))) }
  public static func double(_ x: Double) -> JSONValue {
    JSONValue(.number(x.isFinite ? "\(x)" : "null"))
  }
  public static func bool(_ b: Bool) -> JSONValue { JSONValue(.bool(b)) }
  public static func array(_ items: [JSONValue]) -> JSONValue { JSONValue(.array(items)) }
  public static func object(_ members: [(String, JSONValue)]) -> JSONValue {
    JSONValue(.object(members.map { (key: $0.0, value: $0.1) }))
  }
}
