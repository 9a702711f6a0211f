import Learning
import Testing

@testable import fedchain

struct KernelPathCommandTests {
  /// `FEDCHAIN_KERNELS` forces a learning-kernel path; a value that names no path is refused with
  /// a usage error (64) naming the value and the accepted paths. (The check is given the value
  /// rather than reading the environment, so tests running beside this one are unaffected.)
  @Test func anUnknownForcedKernelPathIsAUsageError() {
    var caught: CommandFailure?
    do {
      try Commands.refuseUnusableKernelPath(KernelPath.requested("sse9"))
    } catch {
      caught = error as? CommandFailure
    }
    #expect(caught?.code == .usage)
    #expect(caught?.message.contains("FEDCHAIN_KERNELS=sse9 names no kernel path") == true)
    #expect(caught?.message.contains("accepted: portable") == true)
  }

  @Test func anAvailableOrAbsentPathIsAccepted() throws {
    try Commands.refuseUnusableKernelPath(nil)
    try Commands.refuseUnusableKernelPath(KernelPath.requested("portable"))
    try Commands.refuseUnusableKernelPath(KernelPath.requested(KernelPath.best.description))
  }
}
