import SimCore
import Traces

/// `fedchain report DIR`: writes `DIR/report.html`, one self-contained page (figures as inline
/// SVG, the summary, the scenario as run, the manifest) for a run's or a sweep's output folder.
enum ReportCommand {
  static func run(_ words: [String]) throws {
    let arguments = try Arguments(words, valued: ["out"], switches: ["quiet", "help"])
    if arguments.flags.contains("help") { return print(Help.report, terminator: "") }
    guard arguments.positionals.count == 1 else {
      throw CommandFailure.usage(
        "report takes one folder (a run's or a sweep's --out), got "
          + "\(arguments.positionals.count) arguments")
    }
    let folder = arguments.positionals[0]
    if arguments.options["out"] == "" {
      throw CommandFailure.usage("--out is empty; give the file to write the page to")
    }
    let page: String
    do throws(ReportError) {
      page = try ReportPage.render(folder: folder)
    } catch {
      throw CommandFailure(code: .badInput, message: error.description)
    }
    let target =
      arguments.options["out"]
      ?? (folder.hasSuffix("/") ? folder : folder + "/") + ReportPage.fileName
    do throws(OutputError) {
      try OutputFile.replace(target, with: page)
    } catch {
      throw CommandFailure.output(error)
    }
    if !arguments.flags.contains("quiet") {
      print("report written to \(EchoedText.escaped(target))")
    }
  }
}
