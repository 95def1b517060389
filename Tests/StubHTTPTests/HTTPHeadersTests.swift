import Testing

@testable import StubHTTP

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test("lookups are ASCII-case-insensitive and return the first value")
    func caseInsensitiveLookup() {
        let headers: HTTPHeaders = ["Content-Type": "text/plain", "X-A": "1", "x-a": "2"]
        #expect(headers["content-type"] == "text/plain")
        #expect(headers["CONTENT-TYPE"] == "text/plain")
        #expect(headers["X-A"] == "1")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        #expect(headers.contains("x-A"))
        #expect(!headers.contains("X-B"))
        #expect(headers["X-B"] == nil)
        #expect(headers.values(for: "X-B") == [])
        #expect(headers.rawValue(for: "X-B") == nil)
        #expect(headers["Content-Typ"] == nil)
        #expect(headers.count == 3)
    }

    @Test("folding is ASCII-only: the Kelvin sign and long s never match k and s")
    func asciiOnlyFolding() {
        let headers: HTTPHeaders = ["Kind": "k", "Ss": "s"]
        #expect(headers["\u{212A}ind"] == nil)
        #expect(headers["S\u{17F}"] == nil)
        #expect(headers["kIND"] == "k")
        let kelvin: HTTPHeaders = ["\u{212A}": "v"]
        #expect(kelvin["k"] == nil)
        #expect(kelvin["\u{212A}"] == "v")
    }

    @Test("common long values decode to one shared text; near misses and other values are decoded as sent")
    func commonTextsShared() {
        let headers = HTTPHeaders([
            (name: "Content-Type", value: "application/json"),
            (name: "Accept", value: "application/json"),
            (name: "X-Near", value: "application/jsoN"),
            (name: "X-Longer", value: "application/json; charset=utf-8"),
        ])
        let values = Array(headers).map(\.value)
        #expect(values == ["application/json", "application/json", "application/jsoN", "application/json; charset=utf-8"])
        // One storage for both copies of the common value: nothing was allocated for them.
        func storage(_ text: String) -> UnsafeRawPointer? {
            text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        }
        #expect(storage(values[0]) != nil)
        #expect(storage(values[0]) == storage(values[1]))
        #expect(storage(headers["content-type"] ?? "") == storage(values[0]))
        #expect(storage(values[2]) != storage(values[0]))
    }

    @Test("iteration keeps arrival order and original case")
    func orderAndCase() {
        let headers = HTTPHeaders([(name: "B-Header", value: "2"), (name: "a-header", value: "1"), (name: "B-HEADER", value: "3")])
        #expect(
            Array(headers) == [
                .init(name: "B-Header", value: "2"),
                .init(name: "a-header", value: "1"),
                .init(name: "B-HEADER", value: "3"),
            ]
        )
        #expect(headers.map(\.name) == ["B-Header", "a-header", "B-HEADER"])
    }

    @Test("add, set and remove")
    func mutation() {
        var headers = HTTPHeaders()
        #expect(headers.count == 0)
        headers.add(name: "A", value: "1")
        headers.add(name: "B", value: "2")
        headers.add(name: "a", value: "3")
        headers.add(name: "C", value: "4")
        headers.set(name: "A", value: "new")
        #expect(Array(headers) == [.init(name: "A", value: "new"), .init(name: "B", value: "2"), .init(name: "C", value: "4")])
        headers.set(name: "D", value: "5")
        #expect(headers.map(\.name) == ["A", "B", "C", "D"])
        headers.remove(name: "b")
        #expect(headers.map(\.name) == ["A", "C", "D"])
        headers.remove(name: "missing")
        #expect(headers.count == 3)
        headers.remove(name: "A")
        headers.remove(name: "C")
        headers.remove(name: "D")
        #expect(headers == HTTPHeaders())
        #expect(headers.rawValue(for: "A") == nil)
    }

    @Test("equality compares fields in order, names byte for byte")
    func equality() {
        let one: HTTPHeaders = ["A": "1", "B": "2"]
        #expect(one == HTTPHeaders([(name: "A", value: "1"), (name: "B", value: "2")]))
        #expect(one != ["B": "2", "A": "1"])
        #expect(one != ["a": "1", "B": "2"])
        #expect(one != ["A": "1", "B": "3"])
        #expect(one != ["A": "1"])
        // Equal after different edit histories (storage layout differs, content does not).
        var edited: HTTPHeaders = ["X": "gone", "A": "1", "B": "old"]
        edited.remove(name: "X")
        edited.set(name: "B", value: "2")
        #expect(edited == one)
    }

    @Test("raw bytes survive: non-UTF-8 via rawValue, repaired in strings")
    func rawBytes() {
        var parser = HTTPRequestParser()
        parser.append(bytes(G + "X-Raw: a") + [0xFF, 0xC3, 0x28, 0x80] + bytes("z\r\nX-Utf8: \u{E4}\r\n\r\n"))
        guard case .request(let request) = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(request.headers.rawValue(for: "x-raw") == [0x61, 0xFF, 0xC3, 0x28, 0x80, 0x7A])
        #expect(request.headers["X-Raw"] == "a\u{FFFD}\u{FFFD}(\u{FFFD}z")
        #expect(request.headers["x-utf8"] == "ä")
        #expect(request.headers.rawValue(for: "X-UTF8") == [0xC3, 0xA4])
        var names: [[UInt8]] = []
        request.headers.forEachRawField { name, _ in names.append(Array(name)) }
        #expect(names == [bytes("Host"), bytes("X-Raw"), bytes("X-Utf8")])
    }

    @Test("a description for people")
    func description() {
        let headers: HTTPHeaders = ["A": "1", "B": "2"]
        #expect(headers.description == "A: 1\nB: 2")
    }
}

@Suite("ASCII tables")
struct ASCIITests {
    @Test("the tchar bitmap matches RFC 9110 §5.6.2 for all 256 bytes")
    func tokenTable() {
        let symbols = Set("!#$%&'*+-.^_`|~".utf8)
        for value in 0...255 {
            let byte = UInt8(value)
            let expected =
                (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
                || (0x61...0x7A).contains(value) || symbols.contains(byte)
            #expect(ASCII.isTokenByte(byte) == expected, "byte \(value)")
        }
    }

    @Test("hex digits, lowercasing and target bytes for all 256 bytes")
    func otherTables() {
        for value in 0...255 {
            let byte = UInt8(value)
            let hex = Int(String(UnicodeScalar(byte)), radix: 16) ?? -1
            #expect(ASCII.hexValue(byte) == ((byte == 0x2B || byte == 0x2D) ? -1 : hex), "byte \(value)")
            let lower = (0x41...0x5A).contains(value) ? byte + 0x20 : byte
            #expect(ASCII.lowercased(byte) == lower)
            #expect(ASCII.isTargetByte(byte) == (value > 0x20 && value < 0x7F))
            #expect(ASCII.isFieldValueByte(byte) == (value == 0x09 || (value >= 0x20 && value != 0x7F)))
        }
    }
}
