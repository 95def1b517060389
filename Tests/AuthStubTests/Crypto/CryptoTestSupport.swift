/// Bytes from hexadecimal text as RFCs print them (spaces and line breaks ignored); traps on a
/// stray character, which can only be a typo in a test vector.
func bytes(hex text: String) -> [UInt8] {
    let digits = text.filter(\.isHexDigit).map { UInt8(String($0), radix: 16) ?? 0 }
    precondition(digits.count == text.filter { !$0.isWhitespace }.count && digits.count % 2 == 0, "bad hex in a test vector")
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// `bytes` as lower-case hexadecimal, for comparing digests with published vectors.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
