/// The words of a command line after the subcommand: positional arguments and `--option value`
/// pairs, each option allowed once.
struct Arguments {
  var positionals: [String] = []
  var options: [String: String] = [:]
  var flags: Set<String> = []

  /// Splits `words`; `valued` options take the next word (or `--name=value`), `switches` take none.
  init(_ words: [String], valued: [String], switches: [String]) throws(CommandFailure) {
    var index = 0
    while index < words.count {
      let word = words[index]
      index += 1
      guard word.hasPrefix("--"), word.count > 2 else {
        positionals.append(word)
        continue
      }
      var name = String(word.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if switches.contains(name) {
        if inlineValue != nil { throw .usage("--\(name) takes no value") }
        flags.insert(name)
      } else if valued.contains(name) {
        if options[name] != nil { throw .usage("--\(name) is given twice") }
        if let inlineValue {
          options[name] = inlineValue
        } else {
          guard index < words.count else { throw .usage("--\(name) needs a value") }
          options[name] = words[index]
          index += 1
        }
      } else {
        let known = (valued + switches).map { "--" + $0 }.joined(separator: ", ")
        throw .usage(
          "unknown option --\(name); this command accepts \(known.isEmpty ? "no options" : known)")
      }
    }
  }
}
