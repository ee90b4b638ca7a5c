// swift-tools-version: 6.1
import PackageDescription

/// Set by `make fuzz` (HP_FUZZ=1): see the end of this file.
let fuzzing = Context.environment["HP_FUZZ"] == "1"
let fuzzingFlags = ["-sanitize=fuzzer,address", "-use-ld=lld"]

let package = Package(
    name: "hearing-planner",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hearing-planner", targets: ["hearing-planner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        // gzip of the served plan (zlib from Debian's zlib1g-dev); its only dependency is swift-nio.
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        // Named for the bench's HTTP client only; Hummingbird builds it anyway.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        // NIOHTTPTypes: the HTTP parts a connection handler sees (the slow-client guard); Hummingbird builds it anyway.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
        // The .xlsx container when reading workbooks (a zip of XML parts), and a roster uploaded in
        // the console as a CSV folder in one .zip.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // The console's templates (mustache, rendered on the server; no HTML in code).
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Reads the console's multipart/form-data uploads; its dependencies are swift-nio and collections.
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        // The shared state of several daemons (database.url): PostgreSQL's wire protocol, pooled.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // TLS to the database (postgres-nio builds it anyway).
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // GLPK from Debian's libglpk-dev: no pkg-config file ships, so none is named.
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]
        ),
        // libxlsxwriter from Debian's libxlsxwriter-dev: writes .xlsx workbooks (template, plan export).
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"]), .brew(["libxlsxwriter"])]
        ),
        // The domain: roster, plan, policy, calendar arithmetic, formats and validation. Pure.
        .target(
            name: "PlannerModel",
            dependencies: [
                .product(name: "CSV", package: "CSV.swift"),
                // The roster's digest (sha256), which plans carry.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // BuildInfo.version, from the file VERSION.
            plugins: ["BuildVersion"]
        ),
        // Builds the file VERSION into PlannerModel as `BuildInfo.version` when the package is built.
        .plugin(name: "BuildVersion", capability: .buildTool(), dependencies: ["version-source"]),
        .executableTarget(name: "version-source", path: "Sources/version-source"),
        // `hearing-planner verify`: an independent check of a plan against the spec, written apart
        // from the planner (it shares only the model types and the roster reader).
        .target(name: "PlanVerification", dependencies: ["PlannerModel"]),
        // Words people read, Dutch and English: catalogues, dates as people write them, reasons in
        // words. The catalogues are files under Embedded/, built into the binary by EmbedFiles.
        .target(
            name: "Localization",
            dependencies: ["PlannerModel"],
            exclude: ["Embedded"],
            plugins: ["EmbedFiles"]
        ),
        // Spreadsheets: a roster read from an .xlsx workbook into the tables the CSV reader decodes,
        // the roster template, and the plan as sheets people read (.xlsx and CSV). The only target
        // that knows libxlsxwriter exists.
        .target(
            name: "Workbooks",
            dependencies: [
                "PlannerModel", "Localization", "CXLSXWriter",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Builds a target's Embedded/ folder into it as Swift source (templates, catalogues, assets).
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        .executableTarget(name: "embed-files", path: "Sources/embed-files"),
        // Realistic synthetic rosters for tests, demos and benchmarks. Pure and seeded.
        .target(name: "SyntheticRosters", dependencies: ["PlannerModel"]),
        // A solver-neutral mixed-integer program and the protocol a solver implements.
        .target(name: "LinearProgramming"),
        // The only target that knows GLPK exists.
        .target(
            name: "GLPKSolver",
            dependencies: [
                "CGLPK", "LinearProgramming",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The search for a mixed-integer program's best point: relaxations (simplex, first-order),
        // the dive, cutting planes, proximity and neighbourhood searches, then branch and cut. Knows
        // nothing of hearings: the domain hands it a rounding strategy.
        .target(
            name: "MIPSearch",
            dependencies: ["LinearProgramming", .product(name: "Logging", package: "swift-log")]
        ),
        // Roster -> program -> plan, evidence, scoring. Pure apart from the solver it is given.
        .target(
            name: "Planning",
            dependencies: [
                "PlannerModel", "LinearProgramming", "MIPSearch",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Plans -> fulfilment statistics -> JSON, CSV, Markdown and HTML; calendars. Pure.
        .target(name: "Reports", dependencies: ["PlannerModel", "Localization"]),
        // A value behind a POSIX mutex, which ThreadSanitizer sees (Synchronization.Mutex's futex it does not).
        .target(name: "Locking"),
        // GRDB persistence: rosters, the event log, plan versions and the audit trail.
        .target(
            name: "PlannerStore",
            dependencies: [
                "PlannerModel", "Locking",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The same store on PostgreSQL, for several daemons on one database: the tables, the
        // migrations, leadership (an advisory lock on a session of its own) and LISTEN/NOTIFY.
        .target(
            name: "PlannerStorePostgres",
            dependencies: [
                "PlannerModel", "PlannerStore", "Locking",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The planners' console: server-rendered pages in Dutch and English, sessions, CSRF,
        // uploads; templates, style sheet and script under Embedded/, built into the binary. It
        // reaches the planning state only through the ConsoleBackend the server hands it.
        .target(
            name: "PlannerConsole",
            dependencies: [
                "PlannerModel", "Planning", "Reports", "Localization", "Workbooks", "Locking",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Embedded"],
            plugins: ["EmbedFiles"]
        ),
        // The daemon: Hummingbird app, routes, auth, the re-plan service, sd_notify, metrics.
        .target(
            name: "PlannerServer",
            dependencies: [
                "PlannerModel", "Planning", "Reports", "PlannerStore", "PlannerStorePostgres", "LinearProgramming", "PlanVerification",
                "Workbooks", "Localization", "PlannerConsole", "Locking",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The HTTP/1 server's limits (idle connections, header sizes).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            // Embedded/openapi.yaml links to docs/openapi.yaml: the served document is that one file.
            exclude: ["Embedded"],
            plugins: ["EmbedFiles"]
        ),
        .executableTarget(
            name: "hearing-planner",
            dependencies: [
                "PlannerModel", "SyntheticRosters", "Planning", "GLPKSolver", "LinearProgramming", "Reports",
                "PlannerStore", "PlannerStorePostgres", "PlannerServer", "PlanVerification", "Workbooks", "Localization", "PlannerConsole",
                "Locking",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SIGHUP: the daemon reloads its token file.
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `make bench`: times the real binary on generated rosters, each run in a child process.
        .executableTarget(
            name: "hearing-planner-bench",
            dependencies: [
                "LinearProgramming", "PlannerModel", "SyntheticRosters", "Workbooks",
                // The throw-away PostgreSQL cluster of section shared, as the tests start it.
                "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // `make fuzz` and make test's short run: the readers of outside bytes under libFuzzer, or in a
        // replay-and-mutate mode in a normal build (docs/reliability.md).
        .executableTarget(
            name: "hearing-planner-fuzz",
            dependencies: [
                "PlannerModel", "Workbooks", "PlannerServer", "Locking",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: fuzzing ? [.define("FUZZING"), .unsafeFlags(["-parse-as-library"] + fuzzingFlags)] : [],
            linkerSettings: fuzzing ? [.unsafeFlags(fuzzingFlags)] : []
        ),
        .target(
            name: "TestSupport",
            dependencies: ["PlannerModel", "SyntheticRosters", "Planning", "PlanVerification", "Locking"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PlannerModelTests", dependencies: ["PlannerModel", "TestSupport"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization", "PlannerModel"]),
        .testTarget(
            name: "WorkbooksTests",
            dependencies: [
                "Workbooks", "PlannerModel", "Localization", "Planning", "GLPKSolver", "TestSupport", "SyntheticRosters",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Fixtures", "Scripts"]
        ),
        .testTarget(
            name: "PlanVerificationTests",
            dependencies: ["PlanVerification", "PlannerModel", "Planning", "GLPKSolver", "TestSupport", "SyntheticRosters"]
        ),
        .testTarget(name: "SyntheticRostersTests", dependencies: ["SyntheticRosters", "TestSupport"]),
        .testTarget(name: "GLPKSolverTests", dependencies: ["GLPKSolver", "LinearProgramming", "Locking"]),
        .testTarget(name: "MIPSearchTests", dependencies: ["MIPSearch", "LinearProgramming", "GLPKSolver", "Locking"]),
        .testTarget(
            name: "PlanningTests",
            dependencies: ["Planning", "GLPKSolver", "TestSupport", "SyntheticRosters"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Planning", "GLPKSolver", "SyntheticRosters", "TestSupport", "PlannerModel"],
            resources: [.copy("Golden")]
        ),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport", "PlannerModel"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Locking"]),
        .testTarget(
            name: "PlannerStoreTests",
            dependencies: [
                "PlannerStore", "PlannerStorePostgres", "PlannerModel", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "PlannerConsoleTests",
            dependencies: [
                "PlannerConsole", "PlannerModel", "Planning", "Localization", "TestSupport", "GLPKSolver", "Reports", "Locking",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "PlannerServerTests",
            dependencies: [
                "PlannerServer", "PlannerStore", "PlannerModel", "TestSupport", "Planning", "Reports", "GLPKSolver", "Workbooks", "Locking",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// `make fuzz` builds with HP_FUZZ=1 in a scratch path of its own: the fuzz executable with
// libFuzzer (its main) and AddressSanitizer, and the targets whose readers it calls with coverage
// for libFuzzer and AddressSanitizer too. SwiftPM's --sanitize=fuzzer is not used: it would also
// give the build's own tools (the plugins' generators) libFuzzer's main.
if fuzzing {
    for target in package.targets where ["PlannerModel", "Workbooks", "PlannerServer"].contains(target.name) {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(fuzzingFlags)]
    }
}

