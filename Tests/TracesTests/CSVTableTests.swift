import Testing

@testable import Traces

struct CSVTableTests {
  @Test func fieldsWithSeparatorsAreQuotedPerRFC4180() {
    var table = CSVTable(columns: ["time_ns", "kind"])
    table.append(["1", "plain"])
    table.append(["2", "a,b"])
    table.append(["3", "say \"hi\""])
    #expect(table.rendered == "time_ns,kind\n1,plain\n2,\"a,b\"\n3,\"say \"\"hi\"\"\"\n")
    #expect(table.rowCount == 3)
  }

  @Test func doublesUseShortestRoundTripTextAndNaNIsEmpty() {
    #expect(CSVTable.format(0.1) == "0.1")
    #expect(CSVTable.format(1e-7) == "1e-07")
    #expect(CSVTable.format(.nan) == "")
  }

  @Test func everySchemaStartsWithTimeRunSeed() {
    for schema in [
      TraceSchema.transfers, TraceSchema.rounds, TraceSchema.tasks, TraceSchema.links,
      TraceSchema.summary,
    ] {
      #expect(Array(schema.prefix(3)) == ["time_ns", "run", "seed"])
      #expect(Set(schema).count == schema.count)
    }
  }
}
