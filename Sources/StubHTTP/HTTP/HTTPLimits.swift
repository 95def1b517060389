/// Parser limits; each breach has its own status.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request line, CRLF excluded; longer answers 414.
    public var maxRequestLineBytes: Int
    /// Largest header section (field lines with their CRLFs, excluding the request line and the
    /// final empty line; trailer fields count too); larger answers 431.
    public var maxHeaderBytes: Int
    /// Most header fields (trailer fields count too); more answers 431.
    public var maxHeaderCount: Int
    /// Largest body; a larger `Content-Length` (or chunked total) answers 413 before the body is read.
    public var maxBodyBytes: Int
    /// Longest chunk-size line (size, extensions and CRLF); longer answers 400.
    public var maxChunkLineBytes: Int

    /// Creates limits; every argument has the server's default. Negative values act as zero.
    public init(
        maxRequestLineBytes: Int = 8 * 1024,
        maxHeaderBytes: Int = 64 * 1024,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 10 * 1024 * 1024,
        maxChunkLineBytes: Int = 4 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkLineBytes = maxChunkLineBytes
    }
}
