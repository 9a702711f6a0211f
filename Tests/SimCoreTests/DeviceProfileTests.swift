import Testing

@testable import SimCore

struct DeviceProfileTests {
  @Test func durationSumsEachKindOfWorkRoundedUp() {
    // 1e9 flop at 1 GFLOP/s = 1 s; 70 B at 70 MB/s = 1 µs; 1 limb product at 2e8/s = 5 ns.
    let work = Work(floatingPointOperations: 1_000_000_000, limbMultiplications: 1, bytesHashed: 70)
    #expect(DeviceProfile.iotDevice.duration(for: work).nanoseconds == 1_000_000_000 + 1_000 + 5)
    // 1 flop at 1e9/s is exactly 1 ns; 1 flop at 6e10/s rounds up to 1 ns, never down to 0.
    #expect(DeviceProfile.iotDevice.duration(for: .flops(1)).nanoseconds == 1)
    #expect(DeviceProfile.cloudServer.duration(for: .flops(1)).nanoseconds == 1)
    #expect(DeviceProfile.cloudServer.duration(for: .zero) == .zero)
  }

  @Test func presetsAreFoundByName() {
    #expect(DeviceProfile.preset(named: "edge-server") == .edgeServer)
    #expect(DeviceProfile.preset(named: "mainframe") == nil)
  }
}
