import FuzzSupport

// libFuzzer's entry point; see fuzz-http-parser/main.swift for why there is no top-level code.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzFixtureLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FixtureHarness.run(fuzzInput(data, size))
    return 0
}
