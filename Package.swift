// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Shardline",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "shardline", targets: ["shardline"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // C libraries, each wrapped once behind a shim header.
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .systemLibrary(
      name: "CNcurses",
      pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    .systemLibrary(name: "CMalloc"),
    .systemLibrary(
      name: "CCbc",
      pkgConfig: "cbc",
      providers: [.apt(["coinor-libcbc-dev"])]
    ),

    // Layers, bottom first. Lower layers never import higher ones.
    .target(name: "ShardlineIR"),
    .target(name: "ShardlineInterpreter", dependencies: ["ShardlineIR", "COpenBLAS"]),
    .target(name: "ShardlineModels", dependencies: ["ShardlineIR"]),
    .target(name: "ShardlineImport", dependencies: ["ShardlineIR"]),
    .target(name: "ShardlineHardware"),
    .target(name: "ShardlineCost", dependencies: ["ShardlineIR", "ShardlineHardware"]),
    .target(name: "ShardlineSolver", dependencies: ["CCbc"]),
    .target(
      name: "ShardlineSharding",
      dependencies: ["ShardlineIR", "ShardlineHardware", "ShardlineCost", "ShardlineSolver"]
    ),
    .target(
      name: "ShardlinePlan",
      dependencies: [
        "ShardlineIR", "ShardlineModels", "ShardlineHardware", "ShardlineCost", "ShardlineSharding",
      ]
    ),
    .target(
      name: "ShardlinePlanner",
      dependencies: [
        "ShardlineIR", "ShardlineModels", "ShardlineHardware", "ShardlineCost", "ShardlineSolver",
        "ShardlineSharding", "ShardlinePlan",
      ]
    ),
    .target(
      name: "ShardlineExplorer",
      dependencies: [
        "CNcurses", "ShardlineIR", "ShardlineModels", "ShardlineHardware", "ShardlineSharding",
        "ShardlinePlan", "ShardlinePlanner", "ShardlineRuntime",
      ]
    ),
    .target(
      name: "ShardlineRuntime",
      dependencies: [
        "CMalloc", "ShardlineIR", "ShardlineInterpreter", "ShardlineHardware", "ShardlineCost",
        "ShardlineSharding", "ShardlinePlan",
      ]
    ),
    .target(
      name: "ShardlineCLI",
      dependencies: [
        "ShardlineIR", "ShardlineInterpreter", "ShardlineModels", "ShardlineHardware",
        "ShardlineCost", "ShardlineSolver", "ShardlineSharding", "ShardlinePlan",
        "ShardlinePlanner", "ShardlineExplorer", "ShardlineRuntime", "ShardlineImport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "shardline", dependencies: ["ShardlineCLI"]),

    // Tests: one target per module, shared fixtures in ShardlineTestSupport.
    .target(
      name: "ShardlineTestSupport",
      dependencies: ["ShardlineIR", "ShardlineInterpreter"],
      path: "Tests/ShardlineTestSupport"
    ),
    .testTarget(
      name: "ShardlineIRTests",
      dependencies: ["ShardlineIR", "ShardlineInterpreter", "ShardlineTestSupport"]
    ),
    .testTarget(
      name: "ShardlineInterpreterTests",
      dependencies: ["ShardlineIR", "ShardlineInterpreter", "ShardlineTestSupport"]
    ),
    .testTarget(
      name: "ShardlineModelsTests",
      dependencies: [
        "ShardlineIR", "ShardlineInterpreter", "ShardlineModels", "ShardlineTestSupport",
      ]
    ),
    .testTarget(
      name: "ShardlineImportTests",
      dependencies: [
        "ShardlineImport", "ShardlineIR", "ShardlineInterpreter", "ShardlineTestSupport",
      ]
    ),
    .testTarget(name: "ShardlineHardwareTests", dependencies: ["ShardlineHardware"]),
    .testTarget(
      name: "ShardlineCostTests",
      dependencies: ["ShardlineIR", "ShardlineModels", "ShardlineHardware", "ShardlineCost"]
    ),
    .testTarget(
      name: "ShardlineSolverTests", dependencies: ["ShardlineSolver", "ShardlineInterpreter"]
    ),
    .testTarget(
      name: "ShardlineShardingTests",
      dependencies: [
        "ShardlineIR", "ShardlineModels", "ShardlineHardware", "ShardlineCost", "ShardlineSolver",
        "ShardlineSharding", "ShardlineTestSupport",
      ]
    ),
    .testTarget(
      name: "ShardlinePlanTests",
      dependencies: [
        "ShardlineIR", "ShardlineInterpreter", "ShardlineModels", "ShardlineHardware",
        "ShardlineCost", "ShardlineSharding", "ShardlinePlan",
      ]
    ),
    .testTarget(
      name: "ShardlinePlannerTests",
      dependencies: [
        "ShardlineIR", "ShardlineModels", "ShardlineHardware", "ShardlineCost", "ShardlineSolver",
        "ShardlineSharding", "ShardlinePlan", "ShardlinePlanner", "ShardlineTestSupport",
        "ShardlineInterpreter",
      ]
    ),
    .testTarget(
      name: "ShardlineExplorerTests",
      dependencies: [
        "ShardlineExplorer", "ShardlineIR", "ShardlineModels", "ShardlineHardware",
        "ShardlineSharding", "ShardlinePlan", "ShardlinePlanner", "ShardlineTestSupport",
      ],
      exclude: ["Snapshots"]
    ),
    .testTarget(
      name: "ShardlineRuntimeTests",
      dependencies: [
        "ShardlineRuntime", "ShardlineIR", "ShardlineInterpreter", "ShardlineHardware",
        "ShardlineSharding", "ShardlineSolver", "ShardlineModels", "ShardlineCost",
        "ShardlinePlan", "ShardlinePlanner", "ShardlineImport", "ShardlineTestSupport",
      ]
    ),
    .testTarget(
      name: "ShardlineCLITests",
      dependencies: [
        "ShardlineCLI", "ShardlineImport", "ShardlineIR", "ShardlinePlan", "ShardlineSharding",
        "ShardlineTestSupport",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
