// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "AuthStub",
    // The oldest systems with the Synchronization module (`Mutex`, `Atomic`), which the libraries
    // use. The libraries (StubHTTP, AuthStub, AuthStubTesting) serve on iOS and tvOS too, in a
    // simulator or on a device, for the tests of apps; the `authstub` command and the package's
    // own test targets (which start processes) are for macOS and Linux. SwiftPM declares
    // platforms for a whole package, so that line is drawn in the code: nothing a library
    // compiles uses what iOS or tvOS lack (`ApplePlatformSourceTests` checks the sources, since
    // nothing here compiles for Darwin).
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18)],
    products: [
        // StubHTTP is AuthStub's HTTP/1.1 layer: a product of its own because its types are in
        // AuthStub's API (`Options.http`, `HTTPServerError`) and it serves on its own too.
        .library(name: "StubHTTP", targets: ["StubHTTP"]),
        .library(name: "AuthStub", targets: ["AuthStub"]),
        .library(name: "AuthStubTesting", targets: ["AuthStubTesting"]),
        .executable(name: "authstub", targets: ["authstub"]),
    ],
    targets: [
        .target(name: "StubHTTP"),
        .target(name: "AuthStub", dependencies: ["StubHTTP", "AuthStubFixtures"]),
        // The top-level fixtures/ folder as a resource bundle, so that packages depending on
        // AuthStub get the bundled services with nothing copied by hand.
        .target(
            name: "AuthStubFixtures",
            path: ".",
            exclude: [
                "Sources/StubHTTP", "Sources/AuthStub", "Sources/AuthStubTesting", "Sources/authstub",
                "Sources/authstub-bench", "Sources/Fuzz", "Tests", "README.md",
            ],
            sources: ["Sources/AuthStubFixtures"],
            resources: [.copy("fixtures")]
        ),
        .target(name: "AuthStubTesting", dependencies: ["AuthStub"]),
        .executableTarget(name: "authstub", dependencies: ["AuthStub", "StubHTTP"]),
        .executableTarget(name: "authstub-bench", dependencies: ["AuthStub", "StubHTTP"]),

        // libFuzzer harnesses (issue 8): `.ci/fuzz.sh` builds each with
        // `--sanitize=fuzzer --sanitize=address`; in a plain build they do nothing.
        .target(name: "FuzzSupport", path: "Sources/Fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-http-parser", dependencies: ["StubHTTP", "FuzzSupport"], path: "Sources/Fuzz/fuzz-http-parser"),
        .executableTarget(
            name: "fuzz-http-response-parser",
            dependencies: ["StubHTTP", "FuzzSupport"],
            path: "Sources/Fuzz/fuzz-http-response-parser"
        ),
        .executableTarget(name: "fuzz-fixture-loader", dependencies: ["AuthStub", "FuzzSupport"], path: "Sources/Fuzz/fuzz-fixture-loader"),
        .executableTarget(name: "fuzz-control-json", dependencies: ["AuthStub", "StubHTTP", "FuzzSupport"], path: "Sources/Fuzz/fuzz-control-json"),
        .executableTarget(name: "fuzz-accept", dependencies: ["AuthStub", "FuzzSupport"], path: "Sources/Fuzz/fuzz-accept"),

        // Raw-socket clients shared by the test targets; not a product.
        .target(name: "TestSupport", dependencies: ["StubHTTP"], path: "Tests/TestSupport"),
        .testTarget(name: "StubHTTPTests", dependencies: ["StubHTTP", "TestSupport"]),
        .testTarget(name: "AuthStubTests", dependencies: ["AuthStub", "AuthStubTesting", "StubHTTP", "TestSupport"]),
        .testTarget(name: "AuthStubTestingTests", dependencies: ["AuthStubTesting", "StubHTTP"]),
        .testTarget(name: "authstubTests", dependencies: ["authstub", "StubHTTP", "TestSupport"]),
    ]
)

// Every target: Swift 6 language mode (the tools default) plus the upcoming features that keep
// imports and existentials explicit.
for target in package.targets {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
