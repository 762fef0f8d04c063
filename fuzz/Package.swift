// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for the code that reads what strangers send: SMS text parsing, the GSM-7
// composer and every webhook decoder. Their own package (architecture.md "Separate packages for
// bench/ and fuzz/"): the main build and CI never compile sanitizer builds. Build and run with
// `fuzz/run.sh [seconds]`, which passes `--sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address` and
// `-enable-testing` (the webhook harnesses sign their inputs with the gateways' internal helpers).
let smsText = Target.Dependency.product(name: "SMSText", package: "confianza")
let gateways = Target.Dependency.product(name: "Gateways", package: "confianza")
let engine = Target.Dependency.product(name: "Engine", package: "confianza")
let curl = Target.Dependency.product(name: "Curl", package: "confianza")

let package = Package(
    name: "confianza-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "confianza", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(name: "fuzz-keyword", dependencies: ["FuzzSupport", smsText]),
        .executableTarget(name: "fuzz-amount", dependencies: ["FuzzSupport", smsText]),
        .executableTarget(name: "fuzz-date", dependencies: ["FuzzSupport", smsText]),
        .executableTarget(name: "fuzz-rating", dependencies: ["FuzzSupport", smsText]),
        .executableTarget(name: "fuzz-composer", dependencies: ["FuzzSupport", smsText]),
        .executableTarget(name: "fuzz-kannel", dependencies: ["FuzzSupport", gateways, engine, curl]),
        .executableTarget(name: "fuzz-generic", dependencies: ["FuzzSupport", gateways, engine]),
        .executableTarget(name: "fuzz-twilio", dependencies: ["FuzzSupport", gateways, engine]),
        .executableTarget(name: "fuzz-android", dependencies: ["FuzzSupport", gateways, engine]),
    ]
)
