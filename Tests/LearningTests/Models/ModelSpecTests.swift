import SimCore
import Testing

@testable import Learning

struct ModelSpecTests {
  @Test func parsesTheAcceptedForms() throws {
    #expect(try ModelSpec(parsing: "mlp:784-200-200-10") == .mlp(widths: [784, 200, 200, 10]))
    #expect(try ModelSpec(parsing: "mlp:64-10") == .mlp(widths: [64, 10]))
    #expect(try ModelSpec(parsing: "cnn:mnist") == .cnnMNIST)
    #expect(try ModelSpec(parsing: "cnn:digits") == .cnnDigits)
    for text in ["mlp:784-200-200-10", "cnn:mnist", "cnn:digits"] {
      #expect(try ModelSpec(parsing: text).description == text)
    }
  }

  @Test func rejectsBadTextNamingIt() {
    #expect(throws: ModelError.unrecognisedSpec("cnn:cifar")) {
      try ModelSpec(parsing: "cnn:cifar")
    }
    #expect(throws: ModelError.unrecognisedSpec("MLP:784-10")) {
      try ModelSpec(parsing: "MLP:784-10")
    }
    #expect(throws: ModelError.invalidWidth(spec: "mlp:784-0-10", width: "0")) {
      try ModelSpec(parsing: "mlp:784-0-10")
    }
    #expect(throws: ModelError.invalidWidth(spec: "mlp:784--10", width: "")) {
      try ModelSpec(parsing: "mlp:784--10")
    }
    #expect(throws: ModelError.invalidWidth(spec: "mlp:784-x-10", width: "x")) {
      try ModelSpec(parsing: "mlp:784-x-10")
    }
    #expect(throws: ModelError.invalidWidth(spec: "mlp:+5-10", width: "+5")) {
      try ModelSpec(parsing: "mlp:+5-10")
    }
    #expect(throws: ModelError.tooFewLayers(spec: "mlp:784")) { try ModelSpec(parsing: "mlp:784") }
    let message = ModelError.unrecognisedSpec("cnn:cifar").description
    #expect(
      message.contains("`cnn:cifar`") && message.contains("mlp:784-200-200-10")
        && message.contains("cnn:digits"))
  }

  @Test func rejectsWidthsBeyondTheWireFormat() throws {
    // 65,536 · 65,536 + 65,536 = 2^32 + 2^16 parameters: more than a UInt32 count holds.
    #expect(
      throws: ModelError.tooManyParameters(spec: "mlp:65536-65536", limit: 4_294_967_295)
    ) { try ModelSpec(parsing: "mlp:65536-65536") }
    // 10^10 · 10^10 overflows Int itself.
    #expect(
      throws: ModelError.tooManyParameters(
        spec: "mlp:10000000000-10000000000", limit: 4_294_967_295)
    ) { try ModelSpec(parsing: "mlp:10000000000-10000000000") }
    // 65,535 · 65,535 + 65,535 = 4,294,901,760 ≤ 2^32 − 1: accepted (never built here).
    #expect(try ModelSpec(parsing: "mlp:65535-65535") == .mlp(widths: [65535, 65535]))
    #expect(ModelSpec.mlpParameterCount([784, 200, 200, 10]) == 199_210)
  }

  @Test func twoNNHasMcMahansParameterCount() throws {
    // McMahan et al. (AISTATS 2017) report 199,210 parameters for the 2NN:
    // 784·200 + 200 = 157,000; 200·200 + 200 = 40,200; 200·10 + 10 = 2,010; total 199,210.
    let spec = try ModelSpec(parsing: "mlp:784-200-200-10")
    let model = Model(spec: spec)
    #expect(model.parameterCount == 199_210)
    #expect(model.layers.count == 5)  // dense, ReLU, dense, ReLU, dense
  }

  @Test func mnistCNNHasMcMahansParameterCount() {
    // McMahan et al. report 1,663,370 parameters for the CNN:
    // conv1 5·5·1·32 + 32 = 832; conv2 5·5·32·64 + 64 = 51,264; after two 2×2 pools the map is
    // 64×7×7 = 3,136, so dense1 3,136·512 + 512 = 1,606,144; dense2 512·10 + 10 = 5,130;
    // 832 + 51,264 + 1,606,144 + 5,130 = 1,663,370.
    let model = Model(spec: .cnnMNIST)
    #expect(model.parameterCount == 1_663_370)
    #expect(model.layers.last!.outputShape == [10])
  }

  @Test func digitsCNNHasTheDerivedParameterCount() {
    // conv1 5·5·1·16 + 16 = 416; conv2 5·5·16·32 + 32 = 12,832; map 32×2×2 = 128, so
    // dense1 128·64 + 64 = 8,256; dense2 64·10 + 10 = 650; total 22,154.
    #expect(Model(spec: .cnnDigits).parameterCount == 22_154)
  }
}
