import FuzzSupport

// libFuzzer's entry point. Built with `--sanitize=fuzzer`, SwiftPM compiles this file as a library
// (libFuzzer supplies `main`, and top-level statements here would not compile); in a plain build
// the program's `main` is empty, so running it does nothing.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzHTTPResponseParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ResponseHarness.run(fuzzInput(data, size))
    return 0
}
