import Learning

/// One choice per stage: a preset's, after a scenario's overrides.
public struct StageChoices: Sendable, Equatable {
  public var selection: SelectionSpec
  public var privacy: PrivacySpec
  public var validation: ValidationSpec
  public var aggregation: AggregationSpec

  public init(
    selection: SelectionSpec, privacy: PrivacySpec, validation: ValidationSpec,
    aggregation: AggregationSpec
  ) {
    self.selection = selection
    self.privacy = privacy
    self.validation = validation
    self.aggregation = aggregation
  }
}
