import SimCore

/// A network and its trainable parameters, held as one flat float32 vector.
///
/// The layers come from `spec`; each owns a contiguous slice of `parameters`, in layer order, in
/// the layout its own documentation gives. FedAvg and the other schemes work on `parameters`
/// directly (average, subtract, mask), and `encode()` puts it on the wire.
public struct Model: Sendable {
  /// The architecture.
  public let spec: ModelSpec
  /// The layers, input first.
  public let layers: [any Layer]
  /// Where each layer's slice of `parameters` starts.
  public let parameterOffsets: [Int]
  /// The number of trainable floats.
  public let parameterCount: Int
  /// Every trainable float, layer after layer; always `parameterCount` long (checked on use).
  public var parameters: [Float]

  /// A model of `spec` with freshly initialised parameters drawn from `generator` (layer by
  /// layer, each in storage order; see `WeightInitialisation`).
  public init(spec: ModelSpec, using generator: inout some RandomNumberGenerator) {
    self.init(spec: spec)
    let layers = self.layers
    let offsets = parameterOffsets
    parameters.withUnsafeMutableBufferPointer { all in
      for (layer, offset) in zip(layers, offsets) {
        layer.initialise(
          UnsafeMutableBufferPointer(rebasing: all[offset..<(offset + layer.parameterCount)]),
          using: &generator)
      }
    }
  }

  /// A model of `spec` with the given parameters.
  /// - Throws: `ModelError.parameterCountMismatch` if `parameters` has the wrong length.
  public init(spec: ModelSpec, parameters: [Float]) throws(ModelError) {
    self.init(spec: spec)
    guard parameters.count == self.parameters.count else {
      throw .parameterCountMismatch(
        model: spec.description, expected: self.parameters.count, actual: parameters.count)
    }
    self.parameters = parameters
  }

  /// A model of `spec` with all parameters zero.
  init(spec: ModelSpec) {
    self.spec = spec
    self.layers = spec.makeLayers()
    var offsets: [Int] = []
    var total = 0
    var shape = spec.inputShape
    for layer in layers {
      precondition(
        layer.inputCount == shape.reduce(1, *),
        "Model \(spec): \(layer) takes \(layer.inputShape) after \(shape)")
      offsets.append(total)
      total += layer.parameterCount
      shape = layer.outputShape
    }
    self.parameterOffsets = offsets
    self.parameterCount = total
    self.parameters = [Float](repeating: 0, count: total)
  }

  /// The shape of one input sample.
  public var inputShape: [Int] { spec.inputShape }

  /// The number of outputs (logits) per sample.
  public var outputCount: Int { spec.outputCount }

  /// Checks that `dataset` can feed this model: same features per sample, no more classes than
  /// outputs. Features are read in the model's own input shape (row-major), so MNIST stored flat
  /// as `[784]` feeds `cnn:mnist` and `[1, 28, 28]` feeds `mlp:784-…`.
  public func validate(_ dataset: Dataset) throws(ModelError) {
    let expected = inputShape.reduce(1, *)
    guard dataset.featureCount == expected else {
      throw .featureCountMismatch(
        model: spec.description, dataset: dataset.name, expected: expected,
        actual: dataset.featureCount)
    }
    guard dataset.classCount <= outputCount else {
      throw .classCountMismatch(
        model: spec.description, dataset: dataset.name, outputs: outputCount,
        classes: dataset.classCount)
    }
  }
}

// MARK: - Forward and backward passes

extension Model {
  /// Fails a precondition if `parameters` was replaced by a vector of another length.
  func checkParameterCount() {
    precondition(
      parameters.count == parameterCount,
      "Model \(spec): holds \(parameters.count) parameters, its layers need \(parameterCount)")
  }

  /// Every layer's output for a batch `[batch] + inputShape`: element `i` is layer `i`'s output,
  /// the last being the logits `[batch, outputCount]`.
  /// - Complexity: the sum of the layers' forward costs.
  public func forward(_ batch: Tensor) -> (activations: [Tensor], work: Work) {
    checkParameterCount()
    var activations: [Tensor] = []
    activations.reserveCapacity(layers.count)
    var work = Work.zero
    parameters.withUnsafeBufferPointer { all in
      var current = batch
      for (layer, offset) in zip(layers, parameterOffsets) {
        let (output, layerWork) = layer.forward(
          current,
          parameters: UnsafeBufferPointer(rebasing: all[offset..<(offset + layer.parameterCount)]))
        work += layerWork
        activations.append(output)
        current = output
      }
    }
    return (activations, work)
  }

  /// The gradient of the loss with respect to every parameter, in `parameters`' layout, given the
  /// batch, the activations `forward` returned for it and ∂loss/∂logits.
  /// - Complexity: the sum of the layers' backward costs.
  public func backward(
    _ batch: Tensor, activations: [Tensor], logitsGradient: Tensor
  ) -> (gradient: [Float], work: Work) {
    var gradient = [Float](repeating: 0, count: parameterCount)
    let work = backward(
      batch, activations: activations, logitsGradient: logitsGradient, into: &gradient)
    return (gradient, work)
  }

  /// `backward(_:activations:logitsGradient:)` into a gradient buffer of `parameterCount` floats
  /// that the caller keeps across steps: every layer overwrites its slice (`Layer.backward`), so
  /// the buffer needs no zeroing, and a training loop allocates (and the kernel zero-fills) no
  /// fresh 6.6 MB per step for the MNIST CNN.
  public func backward(
    _ batch: Tensor, activations: [Tensor], logitsGradient: Tensor, into gradient: inout [Float]
  ) -> Work {
    precondition(
      activations.count == layers.count, "Model \(spec): \(activations.count) activations")
    precondition(
      gradient.count == parameterCount,
      "Model \(spec): gradient buffer of \(gradient.count), expected \(parameterCount)")
    checkParameterCount()
    var work = Work.zero
    parameters.withUnsafeBufferPointer { all in
      gradient.withUnsafeMutableBufferPointer { gradientBuffer in
        var outputGradient = logitsGradient
        for index in stride(from: layers.count - 1, through: 0, by: -1) {
          let layer = layers[index]
          let range = parameterOffsets[index]..<(parameterOffsets[index] + layer.parameterCount)
          let (inputGradient, layerWork) = layer.backward(
            input: index == 0 ? batch : activations[index - 1], output: activations[index],
            outputGradient: outputGradient, parameters: UnsafeBufferPointer(rebasing: all[range]),
            parameterGradient: UnsafeMutableBufferPointer(rebasing: gradientBuffer[range]),
            needsInputGradient: index > 0)
          work += layerWork
          if let inputGradient { outputGradient = inputGradient }
        }
      }
    }
    return work
  }
}
