/// Range checks shared by the payload initialisers: the encoding stores indices and rounds in
/// 32 bits and counts in 64.
enum PayloadField {
  static func checkIndex(_ value: Int, _ field: String) {
    precondition(
      value >= 0 && value <= Int(UInt32.max), "\(field): \(value) is outside 0...\(UInt32.max)")
  }

  static func checkCount(_ value: Int, _ field: String) {
    precondition(value >= 0, "\(field): \(value) is negative")
  }
}
