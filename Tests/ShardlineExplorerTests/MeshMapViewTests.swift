import ShardlineHardware
import ShardlinePlan
import Testing

@testable import ShardlineExplorer

@Suite("Mesh map view")
struct MeshMapViewTests {
  /// The fixture's state on the mesh map, with device `device` selected.
  private func state(device: Int = 5) throws -> ExplorerState {
    var state = try ExplorerFixture.state()
    state.page = .meshMap
    state.selectedStage = 1
    state.selectedDevice = device
    return state
  }

  /// The fixture's plan on `hosts` p3.16xlarge hosts, stage 1 moved to the last host's last
  /// four devices, device `device` selected.
  private func clusterState(hosts: Int, device: Int) throws -> ExplorerState {
    let fixture = try ExplorerFixture.fixture()
    var plan = fixture.plan
    plan.cluster.hostCount = hosts
    let last = plan.cluster.deviceCount
    plan.stages[1].devices = (last - 4..<last).map { DeviceID($0) }
    let document = PlanDocument(
      plan: plan, title: "wide.json", path: nil, workspace: fixture.workspace)
    var state = ExplorerState(documents: [document])
    state.page = .meshMap
    state.selectedDevice = device
    return state
  }

  @Test("each device shows its number over its stage, filled with the stage's colour")
  func devices() throws {
    let buffer = ExplorerScreen.render(try state(), width: 80, height: 24)
    let theme = Theme(monochrome: false)
    for device in 0..<8 {
      let position = try #require(buffer.find("d\(device)"))
      let stage = device / 4
      let below = buffer.text(
        in: Rect(x: position.column, y: position.row + 1, width: 2, height: 1))
      #expect(below == ["s\(stage)"])
      if device != 5 {
        #expect(buffer[position.column, position.row].style == theme.stageFill(stage))
      }
    }
  }

  @Test("the selected device is bracketed and drawn in the selection style")
  func selection() throws {
    let buffer = ExplorerScreen.render(try state(device: 5), width: 80, height: 24)
    let position = try #require(buffer.find("d5"))
    let line = Array(buffer.line(position.row).unicodeScalars)
    let open = try #require(line.firstIndex(of: "["))
    let close = try #require(line.firstIndex(of: "]"))
    #expect(open < position.column && position.column < close)
    #expect(buffer.line(position.row).filter { $0 == "[" }.count == 1)
    #expect(buffer[position.column, position.row].style.reverse)
    #expect(buffer[position.column, position.row + 1].style.reverse)
    #expect(!buffer[try #require(buffer.find("d6")).column, position.row].style.reverse)
  }

  @Test("the links in a host and between hosts show their speed and latency")
  func links() throws {
    let buffer = ExplorerScreen.render(try state(), width: 80, height: 24)
    let inHost = try #require(buffer.find("in a host"))
    #expect(buffer.line(inHost.row).contains("NVLink2 (hybrid cube mesh) · 130 GB/s"))
    #expect(buffer.line(inHost.row).contains("5.0 µs"))
    let hosts = try #require(buffer.find("hosts "))
    #expect(buffer.line(hosts.row).contains("1 × 25.0 Gb/s NIC · 50.0 µs"))
  }

  @Test("the panel describes the selected device's stage")
  func detail() throws {
    for size in [(80, 24), (160, 48)] {
      let buffer = ExplorerScreen.render(try state(), width: size.0, height: size.1)
      #expect(buffer.find("d5 · stage 1 (Enter opens)") != nil)
      #expect(buffer.find("1×4 on host 0") != nil)
      #expect(buffer.find("d4–d7") != nil)
      #expect(buffer.find("per microbatch") != nil)
      #expect(buffer.find("of 16.0 GiB") != nil)
    }
  }

  @Test("an idle device is labelled idle and the panel says nothing runs on it")
  func idle() throws {
    let buffer = ExplorerScreen.render(
      try clusterState(hosts: 2, device: 9), width: 80, height: 24)
    let position = try #require(buffer.find("d9"))
    #expect(
      buffer.text(in: Rect(x: position.column - 1, y: position.row + 1, width: 4, height: 1))
        == ["idle"])
    #expect(buffer.find("d9 · idle") != nil)
    #expect(buffer.find("none runs on d9") != nil)
    #expect(buffer.find("8 of 16 devices") != nil)
    let d8 = try #require(buffer.find("d8"))
    #expect(buffer[d8.column, d8.row].style == Theme(monochrome: false).muted)
  }

  @Test("64 devices fit 80×24, scrolled to the selected host", arguments: [0, 62])
  func largeCluster(device: Int) throws {
    let state = try clusterState(hosts: 8, device: device)
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    let host = device / 8
    let hostRow = try #require(buffer.find("h\(host)")).row
    #expect(buffer.line(hostRow).contains("d\(host * 8)"))
    #expect(buffer.line(hostRow).contains("d\(host * 8 + 7)"))
    #expect(buffer.find("of 8") != nil)
    #expect(buffer.find("[") != nil)
    #expect(buffer.lines[0].hasPrefix(" 1 Overview"))
  }

  @Test("the view draws only inside its area", arguments: [(76, 19), (150, 40)])
  func staysInside(size: (Int, Int)) throws {
    let area = Rect(x: 2, y: 2, width: size.0, height: size.1)
    for state in [try state(), try clusterState(hosts: 8, device: 63)] {
      var buffer = CellBuffer(width: size.0 + 4, height: size.1 + 4)
      MeshMapView.render(state, in: area, into: &buffer, theme: Theme(monochrome: false))
      expectBlank(buffer, outside: area)
      #expect(!buffer.text(in: area).joined().isEmpty)
    }
  }

  @Test("in monochrome the stages stay readable as text and the selection as brackets")
  func monochrome() throws {
    var state = try state()
    state.monochrome = true
    let buffer = ExplorerScreen.render(state, width: 80, height: 24)
    let colourless = buffer.cells.allSatisfy {
      $0.style.foreground == nil && $0.style.background == nil
    }
    #expect(colourless)
    #expect(buffer.find("s0") != nil && buffer.find("s1") != nil)
    #expect(buffer.find("[") != nil && buffer.find("]") != nil)
  }

  @Test(
    "cells shrink to fit the hosts' devices, hosts scroll when they do not fit",
    arguments: [
      // 76 columns: (76 − 2 − 8) / 8 = 8 per cell; 3 hosts × 3 rows − 1 = 8 ≤ 9 rows.
      (
        76, 9, 3, 8, 0,
        MeshMapPresentation.Grid(
          cellWidth: 8, hostSpacing: 1, firstHost: 0, visibleHosts: 3)
      ),
      // 8 hosts need 23 spaced rows; 9 rows hold 4 packed hosts, host 6 shown from host 4.
      (
        76, 9, 8, 8, 6,
        MeshMapPresentation.Grid(
          cellWidth: 8, hostSpacing: 0, firstHost: 4, visibleHosts: 4)
      ),
      // 16 devices in 76 columns: (76 − 2 − 16) / 16 = 3.
      (
        76, 20, 1, 16, 0,
        MeshMapPresentation.Grid(
          cellWidth: 3, hostSpacing: 1, firstHost: 0, visibleHosts: 1)
      ),
      // Wide: capped at 12 columns.
      (
        200, 20, 1, 8, 0,
        MeshMapPresentation.Grid(
          cellWidth: 12, hostSpacing: 1, firstHost: 0, visibleHosts: 1)
      ),
    ])
  func grid(
    width: Int, height: Int, hosts: Int, perHost: Int, selectedHost: Int,
    expected: MeshMapPresentation.Grid
  ) {
    #expect(
      MeshMapPresentation.grid(
        width: width, height: height, labelWidth: 2, hostCount: hosts, devicesPerHost: perHost,
        selectedHost: selectedHost) == expected)
  }

  @Test("stage labels name the stage, idle devices and devices claimed twice")
  func stageLabels() {
    #expect(MeshMapPresentation.stageLabel([]) == "idle")
    #expect(MeshMapPresentation.stageLabel([3]) == "s3")
    #expect(MeshMapPresentation.stageLabel([0, 2]) == "s0+2")
  }

  @Test("a device two stages claim is reported as a conflict")
  func conflict() throws {
    var plan = try ExplorerFixture.fixture().plan
    plan.stages[1].devices[0] = DeviceID(0)
    #expect(MeshMapPresentation.stagesByDevice(plan)[0] == [0, 1])
    #expect(MeshMapPresentation.stagesByDevice(plan)[4] == [])
    let detail = MeshMapPresentation.detail(plan, estimate: nil, device: 0)
    #expect(detail.contains(.init("conflict", "also claimed by stage 1", isError: true)))
    #expect(detail.contains(.init("cost", "not priced", isError: true)))
  }

  @Test("snapshots at 80×24 and 160×48", arguments: [(80, 24), (160, 48)])
  func snapshots(size: (Int, Int)) throws {
    assertSnapshot(
      ExplorerScreen.render(try state(), width: size.0, height: size.1),
      named: "mesh-map-\(size.0)x\(size.1)")
    assertSnapshot(
      ExplorerScreen.render(try clusterState(hosts: 8, device: 62), width: size.0, height: size.1),
      named: "mesh-map-64-devices-\(size.0)x\(size.1)")
  }
}
