// swift-tools-version: 6.2
import PackageDescription

// Benchmarks live in their own package (architecture.md "Separate packages for bench/ and fuzz/") so
// the main build and CI never compile package-benchmark, the ceiling servers or their dependencies.
// `run.sh` builds everything here in release and measures in one run.
let package = Package(
    name: "confianza-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "confianza", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // package-benchmark micro-benchmarks: `swift package benchmark --target Core`.
        .executableTarget(
            name: "Core",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TrustCore", package: "confianza"),
                .product(name: "SMSText", package: "confianza"),
                .product(name: "Conversation", package: "confianza"),
                .product(name: "Engine", package: "confianza"),
            ],
            path: "Benchmarks/Core",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Ceiling 1: Hummingbird hello world (also the fake gateway for the outbox drain).
        .executableTarget(
            name: "ceiling-hello",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
        // Ceiling 2: Hummingbird + one SQLite insert per request, WAL, synchronous=FULL.
        .executableTarget(
            name: "ceiling-sqlite",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Ceiling 2b: Hummingbird + one PostgreSQL insert per request (postgres-nio, pooled).
        .executableTarget(
            name: "ceiling-postgres",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Ceiling 3: plain libcurl, one easy handle reused or the multi interface, in C.
        .executableTarget(
            name: "ceiling-curl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // Our figure: the outbox drain (Engine.OutboxService + Gateways.GenericSender over Curl.CurlClient).
        .executableTarget(
            name: "drain-outbox",
            dependencies: [
                .product(name: "Engine", package: "confianza"),
                .product(name: "Gateways", package: "confianza"),
                .product(name: "Curl", package: "confianza"),
                .product(name: "SQLiteStore", package: "confianza"),
            ]
        ),
        // Indicators at scale: generate a year of 10,000 networks in SQLite, then every network's
        // report through the product's path (ours) vs one raw aggregate pass over the same rows (ceiling).
        .executableTarget(
            name: "indicators-sqlite",
            dependencies: [
                .product(name: "TrustCore", package: "confianza"),
                .product(name: "Engine", package: "confianza"),
                .product(name: "SQLiteStore", package: "confianza"),
                .product(name: "WebServer", package: "confianza"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ]
)
