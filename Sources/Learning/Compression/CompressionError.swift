/// Why a DEFLATE stream (RFC 1951), a gzip file (RFC 1952) or a base64 text (RFC 4648) could not
/// be decoded.
///
/// Byte offsets count from the start of the input given to the decoder; for a DEFLATE error they
/// point at the byte holding the next unread bit, so they are exact to within one byte.
public enum CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input ended at `byteOffset` while `reading` (e.g. `gzip header`, `stored block`) was
  /// still incomplete.
  case truncated(byteOffset: Int, reading: String)
  /// The two bytes at `byteOffset` are `found`, not the gzip magic `1f 8b` (RFC 1952 §2.3.1).
  case badMagic(byteOffset: Int, found: [UInt8])
  /// The gzip member at `byteOffset` names compression method `method`; only 8 (deflate) exists.
  case unsupportedMethod(byteOffset: Int, method: UInt8)
  /// The gzip flag byte at `byteOffset` sets reserved bits 5–7 (RFC 1952 §2.3.1: must be zero).
  case reservedFlagsSet(byteOffset: Int, flags: UInt8)
  /// The gzip header's CRC-16 (FHCRC) at `byteOffset` is `stored`, but the header hashes to
  /// `computed`.
  case headerCRCMismatch(byteOffset: Int, stored: UInt16, computed: UInt16)
  /// A DEFLATE block header at `byteOffset` has block type 3, which is reserved (RFC 1951 §3.2.3).
  case badBlockType(byteOffset: Int)
  /// A stored block's LEN and NLEN at `byteOffset` are not one's complements (RFC 1951 §3.2.4).
  case storedLengthMismatch(byteOffset: Int, length: UInt16, complement: UInt16)
  /// A dynamic block's code lengths, read up to `byteOffset`, do not describe a usable Huffman
  /// code (over-subscribed, incomplete, too many codes, a repeat with nothing to repeat, …).
  case invalidCodeLengths(byteOffset: Int, reason: String)
  /// The bits at `byteOffset` are no code of the `table` Huffman code, or decode to a symbol the
  /// format reserves (literal/length 286–287, distance 30–31).
  case invalidHuffmanCode(byteOffset: Int, table: String)
  /// A match at `byteOffset` refers `distance` bytes back, but only `available` bytes of this
  /// stream's output exist.
  case distanceTooFarBack(byteOffset: Int, distance: Int, available: Int)
  /// Gzip member `member` (0-based) stores CRC-32 `stored`, but its output hashes to `computed`.
  case crcMismatch(member: Int, stored: UInt32, computed: UInt32)
  /// Gzip member `member` (0-based) stores ISIZE `stored`, but its output has `computed` bytes
  /// modulo 2³².
  case sizeMismatch(member: Int, stored: UInt32, computed: UInt32)
  /// The output would exceed `limit` bytes, the caller's cap against decompression bombs.
  case outputTooLarge(limit: Int)
  /// A base64 text is malformed at character `offset`: `reason`.
  case invalidBase64(offset: Int, reason: String)

  /// One line for a user: what failed, where, the bad value and what is accepted.
  public var description: String {
    switch self {
    case .truncated(let offset, let reading):
      return "input ends at byte \(offset) while reading the \(reading); the data is truncated"
    case .badMagic(let offset, let found):
      let hex = found.map { hexByte($0) }.joined(separator: " ")
      return "byte \(offset): found \(hex.isEmpty ? "nothing" : hex) where a gzip member "
        + "must start with 1f 8b; the input is not gzip data"
    case .unsupportedMethod(let offset, let method):
      return "byte \(offset): gzip compression method \(method); only 8 (deflate) is defined"
    case .reservedFlagsSet(let offset, let flags):
      return "byte \(offset): gzip flags 0x\(hexByte(flags)) set reserved bits 5-7, which must "
        + "be zero"
    case .headerCRCMismatch(let offset, let stored, let computed):
      return "byte \(offset): gzip header CRC-16 is \(stored) but the header hashes to "
        + "\(computed); the header is corrupt"
    case .badBlockType(let offset):
      return "byte \(offset): deflate block type 3 is reserved; accepted types are 0 (stored), "
        + "1 (fixed Huffman) and 2 (dynamic Huffman)"
    case .storedLengthMismatch(let offset, let length, let complement):
      return "byte \(offset): stored block LEN \(length) and NLEN \(complement) are not one's "
        + "complements"
    case .invalidCodeLengths(let offset, let reason):
      return "byte \(offset): invalid Huffman code lengths: \(reason)"
    case .invalidHuffmanCode(let offset, let table):
      return "byte \(offset): bits that are no valid \(table) code"
    case .distanceTooFarBack(let offset, let distance, let available):
      return "byte \(offset): match distance \(distance) reaches before the start of the "
        + "stream, which has only \(available) bytes of output"
    case .crcMismatch(let member, let stored, let computed):
      return "gzip member \(member): stored CRC-32 0x\(hexWord(stored)) but the output hashes "
        + "to 0x\(hexWord(computed)); the data is corrupt"
    case .sizeMismatch(let member, let stored, let computed):
      return "gzip member \(member): stored size \(stored) but \(computed) bytes were decoded "
        + "(modulo 2^32); the data is corrupt"
    case .outputTooLarge(let limit):
      return "output exceeds the limit of \(limit) bytes; raise maximumOutputBytes if the data "
        + "is trusted"
    case .invalidBase64(let offset, let reason):
      return "base64 character \(offset): \(reason)"
    }
  }
}

private func hexByte(_ byte: UInt8) -> String {
  let digits = Array("0123456789abcdef")
  return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
}

private func hexWord(_ word: UInt32) -> String {
  (0..<4).map { hexByte(UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0)))) }.joined()
}
