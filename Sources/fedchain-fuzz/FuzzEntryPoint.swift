#if FUZZING
  import Foundation
  import Scenario

  /// libFuzzer's test function: decodes one input and aborts on a finding, so that libFuzzer
  /// saves the input as a crash reproducer. Built only by `fuzz/run.sh`
  /// (`-sanitize=fuzzer -D FUZZING`).
  ///
  /// Relative `graphml` paths in scenarios are looked up in the current folder (the script runs
  /// from the package root).
  ///
  /// With `-fedchain_target=scenario` (or `graphml`) on the command line, inputs routed to the
  /// other decoder are skipped and kept out of the corpus: a way to go on fuzzing one decoder
  /// while the other has a known, frequent finding. libFuzzer warns about the flag and passes it
  /// on to its fork-mode children.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    if let onlyTarget, DecodingOracle.Target(routing: bytes) != onlyTarget { return -1 }
    if let violation = DecodingOracle.violation(in: bytes, baseDirectory: nil) {
      FileHandle.standardError.write(Data("fedchain-fuzz: \(violation)\n".utf8))
      abort()
    }
    return 0
  }

  /// The decoder named by `-fedchain_target=`, or nil for both.
  let onlyTarget: DecodingOracle.Target? = CommandLine.arguments.lazy.compactMap {
    $0.hasPrefix("-fedchain_target=")
      ? DecodingOracle.Target(rawValue: String($0.dropFirst("-fedchain_target=".count))) : nil
  }.first

  /// libFuzzer's driver (`FuzzerDriver.cpp`): parses the libFuzzer flags and runs the loop.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// The process entry point. SwiftPM links an executable with `main` defined as
  /// `<module>_main` (so that tests can link the module), which keeps libFuzzer's own `main` out
  /// of the link; this hands control to libFuzzer's driver instead.
  @_cdecl("fedchain_fuzz_main")
  public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
  ) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
  }
#endif
