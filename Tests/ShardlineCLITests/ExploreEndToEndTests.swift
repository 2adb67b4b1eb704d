import Foundation
import ShardlinePlan
import ShardlineTestSupport
import Testing

/// A tmux session on a private server socket, driving a real terminal program: keys in with
/// `send-keys`, the screen out with `capture-pane`.
struct TmuxSession {
  /// The tmux executable, if installed.
  static let executable: String? = [
    "/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux",
  ]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Why a step did not happen.
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The private server's socket name (`tmux -L`), so a person's own tmux is never touched.
  let socket = "shardline-test-\(UUID().uuidString.prefix(8))"
  /// The session's name.
  let name = "explore"

  /// Runs tmux on the private socket with `arguments`; its standard output.
  @discardableResult
  func tmux(_ arguments: [String]) throws -> String {
    guard let executable = Self.executable else { throw Failure(description: "tmux is missing") }
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil
    environment["TMUX_PANE"] = nil
    environment["LC_ALL"] = "C.UTF-8"
    let output = FileManager.default.temporaryDirectory
      .appendingPathComponent("shardline-tmux-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let status = try Self.spawn(
      [executable, "-L", socket, "-f", "/dev/null"] + arguments, environment: environment,
      output: output.path)
    guard status == 0 else {
      throw Failure(description: "tmux \(arguments.joined(separator: " ")) exited with \(status)")
    }
    return (try? String(contentsOf: output, encoding: .utf8)) ?? ""
  }

  /// Runs `arguments` and waits for it, its standard output going to the file `output`.
  ///
  /// Not `Process`: the tmux server it starts outlives it and keeps what it inherited, so the
  /// child gets no descriptor but its standard three (a pipe held open would hang a reader), an
  /// empty signal mask and default handlers (a test thread's blocked signals would otherwise
  /// reach the explorer, deaf to resizes and hang-ups).
  ///
  /// - Returns: The exit status.
  static func spawn(_ arguments: [String], environment: [String: String], output: String) throws
    -> Int32
  {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    #if canImport(Darwin)
      flags |= POSIX_SPAWN_CLOEXEC_DEFAULT
    #else
      // glibc ≥ 2.34 has it, but the Glibc module does not import it.
      typealias CloseFrom =
        @convention(c) (
          UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32
        ) -> Int32
      if let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") {
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
      }
    #endif
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGWINCH, SIGCHLD, SIGTSTP] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(flags))
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for string in argv + envp { free(string) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard spawned == 0 else {
      throw Failure(
        description: "cannot run \(arguments[0]): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }

  /// Starts `command` in a detached session of `width` × `height`.
  func start(_ command: String, width: Int, height: Int) throws {
    try tmux([
      "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", name, command,
    ])
  }

  /// The screen as text.
  func screen() throws -> String {
    try tmux(["capture-pane", "-p", "-t", name])
  }

  /// Presses keys named the tmux way (`Enter`, `Escape`, `j`).
  func press(_ keys: String...) throws {
    try tmux(["send-keys", "-t", name] + keys)
  }

  /// Types `text` literally.
  func type(_ text: String) throws {
    try tmux(["send-keys", "-t", name, "-l", text])
  }

  /// Polls the screen until `condition` holds, for at most `seconds`.
  ///
  /// - Returns: The screen that satisfied it.
  /// - Throws: ``Failure`` with the last screen when it never did.
  @discardableResult
  func wait(
    for what: String, seconds: Double = 20, until condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if condition(last) { return last }
      usleep(100_000)
    }
    throw Failure(description: "timed out waiting for \(what); the screen was:\n\(last)")
  }

  /// Starts `shardline` with `arguments` in a session of 120 × 40; when it exits, the screen
  /// shows `explore exited with status N`.
  func startShardline(_ arguments: [String]) throws {
    let quoted = ([ShardlineBinary.url.path] + arguments).map { "'\($0)'" }
    try start(
      quoted.joined(separator: " ") + "; echo \"explore exited with status $?\"; sleep 30",
      width: 120, height: 40)
  }

  /// Waits for the program started by ``startShardline(_:)`` to exit.
  ///
  /// - Returns: The screen then.
  @discardableResult
  func waitForExit() throws -> String {
    try wait(for: "the explorer to exit") { $0.contains("explore exited with status") }
  }

  /// Ends the private server and everything in it.
  func kill() {
    _ = try? tmux(["kill-server"])
  }
}

/// The explorer in a real terminal (tmux): open a plan, find a matmul, pin another strategy,
/// see the estimate change, save, quit, and read the pin back from the file.
@Suite("explore end to end", .enabled(if: TmuxSession.executable != nil, "tmux is not installed"))
struct ExploreEndToEndTests {
  /// The forward matmul the test pins (GPT's first MLP matmul).
  static let searched = "fc1/dot"

  /// The `iteration 1.23 ms` figure in `text`.
  static func iteration(in text: String) -> String? {
    text.firstMatch(of: /iteration ([0-9.]+ (?:s|ms|µs))/).map { String($0.1) }
  }

  @Test("pin a strategy, see it re-costed, save, quit, and read the pin back")
  func pinSaveQuit() throws {
    let directory = try EvaluateCommandTests.scratch()
    let path = directory.appendingPathComponent("plan.json").path
    // One microbatch leaves nothing to pipeline, so stages get several devices and their
    // matmuls real sharding choices.
    let planned = try ShardlineBinary.run([
      "plan", "--model", "gpt-tiny", "--depth", "6", "--batch", "16", "--cluster",
      "p3.16xlarge", "--microbatches", "1", "--no-cache", "-o", path,
    ])
    try #require(planned.status == 0, "\(planned.error)")
    let original = try Plan(jsonData: Data(contentsOf: URL(fileURLWithPath: path)))
    let stage = try #require(
      original.stages.firstIndex {
        $0.devices.count > 1 && $0.ops.contains { $0.name.contains(Self.searched) }
      }, "no stage of several devices has a matmul to pin")

    let session = TmuxSession()
    defer { session.kill() }
    try session.startShardline(["explore", path])

    let overview = try session.wait(for: "the overview") {
      $0.contains("Stages (Enter opens)") && Self.iteration(in: $0) != nil
    }
    let before = try #require(Self.iteration(in: overview))

    for _ in 0..<stage { try session.press("j") }
    try session.press("3")
    try session.press("/")
    try session.wait(for: "the search prompt") { $0.contains("Search ops") }
    try session.type(Self.searched)
    try session.press("Enter")
    try session.wait(for: "the search result") { $0.contains("match '\(Self.searched)'") }
    try session.press("Enter")
    // The last strategy is the dearest, so not the one the solver chose.
    try session.press("G")
    try session.press("p")
    let pinned = try session.wait(for: "the pin's new estimate") {
      $0.contains(" pinned ") && $0.contains("iteration")
    }
    let match = try #require(
      pinned.firstMatch(of: /pinned (\S+) to (.+?): iteration ([0-9.]+ (?:s|ms|µs))/),
      "\(pinned)")
    let (name, spec, after) = (String(match.1), String(match.2), String(match.3))
    #expect(after != before, "the estimate did not change: \(pinned)")

    try session.press("s")
    try session.wait(for: "the save") { $0.contains("saved \(path)") }
    try session.press("q")
    let exited = try session.waitForExit()
    #expect(exited.contains("explore exited with status 0"), "\(exited)")

    let saved = try Plan(jsonData: Data(contentsOf: URL(fileURLWithPath: path)))
    let pins = saved.stages.flatMap(\.ops).filter(\.pinned)
    #expect(pins.count == 1)
    let pin = try #require(pins.first)
    #expect(pin.name == name)
    #expect(pin.spec.description == spec)
    let was = original.stages.flatMap(\.ops).first { $0.node == pin.node }
    #expect(was?.spec != pin.spec, "pinned the strategy the plan already had")
    #expect(was?.pinned == false)
  }

  @Test("the sample is planned once, cached, and opened from the cache the next time")
  func sampleIsCached() throws {
    let cache = try EvaluateCommandTests.scratch()
    let arguments = [
      "explore", "--model", "gpt-tiny", "--depth", "2", "--batch", "8", "--cluster",
      "p3.16xlarge:1", "--microbatches", "2", "--cache-dir", cache.path,
    ]
    let plans = cache.appendingPathComponent("plans")
    var modified: Date?
    for run in 0..<2 {
      let session = TmuxSession()
      defer { session.kill() }
      try session.startShardline(arguments)
      try session.wait(for: "the sample's overview (run \(run))") {
        $0.contains("Stages (Enter opens)") && $0.contains("gpt-tiny on 1 × p3.16xlarge")
      }
      // A sample left as it was opened has nothing to save: q quits at once.
      try session.press("q")
      let exited = try session.waitForExit()
      #expect(exited.contains("explore exited with status 0"), "\(exited)")

      let files = try FileManager.default.contentsOfDirectory(atPath: plans.path)
      try #require(files.count == 1, "\(files)")
      let file = plans.appendingPathComponent(files[0])
      #expect(files[0].hasPrefix("gpt-tiny-") && files[0].hasSuffix(".json"))
      let plan = try Plan(jsonData: Data(contentsOf: file))
      #expect(plan.model.name == "gpt-tiny")
      let date = try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate]
      if run == 0 {
        modified = date as? Date
      } else {
        #expect(date as? Date == modified, "the second run planned again")
      }
    }
  }

  @Test("a JAX step's sdy.sharding annotations are pinned after planning, as the status says")
  func sdyShardings() throws {
    let session = TmuxSession()
    defer { session.kill() }
    try session.startShardline([
      "explore", "--model", SampleFiles.path("jax/fixtures/mlp_sharded.mlir"), "--cluster",
      "p3.16xlarge:1", "--no-cache",
    ])
    let screen = try session.wait(for: "the overview with the annotations' report") {
      $0.contains("Stages (Enter opens)") && $0.contains("of 8 sdy.sharding annotations pinned")
    }
    #expect(screen.contains("mlp_sharded.mlir on 1 × p3.16xlarge"), "\(screen)")
    try session.press("q")
    let exited = try session.waitForExit()
    #expect(exited.contains("explore exited with status 0"), "\(exited)")
  }

  @Test("Esc on the planning screen cancels and exits non-zero with a message")
  func cancelPlanning() throws {
    let session = TmuxSession()
    defer { session.kill() }
    try session.startShardline(["explore", "--no-cache"])
    try session.wait(for: "the planning screen") {
      $0.contains("Planning gpt-2.6b on 2 × p3.16xlarge") && $0.contains("Esc or q cancels")
    }
    try session.press("Escape")
    let exited = try session.waitForExit()
    #expect(exited.contains("explore exited with status 1"), "\(exited)")
    #expect(
      exited.contains("Error: planning gpt-2.6b on 2 × p3.16xlarge cancelled; nothing was saved"),
      "\(exited)")
  }
}
