import Testing

@testable import AuthStub

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    @Test(
        "Known instants format with a numeric offset",
        arguments: [
            (0, "1970-01-01T00:00:00+00:00"),
            (1_795_428_000, "2026-11-23T10:00:00+00:00"),
            (951_782_400, "2000-02-29T00:00:00+00:00"),
            (253_402_300_799, "9999-12-31T23:59:59+00:00"),
        ]
    )
    func formats(seconds: Int, expected: String) {
        #expect(RFC3339.string(epochSeconds: seconds) == expected)
    }
}
