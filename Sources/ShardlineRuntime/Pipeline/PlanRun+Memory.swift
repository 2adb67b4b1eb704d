import ShardlineHardware
import ShardlineIR

extension PlanRun {
  /// The device buffers a step holds at once, in bytes, counted from the programs themselves:
  /// each device's largest sum of live buffers (4 bytes an element, as the CPU backend holds
  /// them) as its instructions create and free them, added over the devices.
  ///
  /// Exact for what the runtime allocates, unlike the plan's estimate, which assumes the
  /// rematerialization and recomputation the runtime does not do.
  /// - Complexity: O(instructions).
  public var peakBufferBytes: Double {
    var total = 0.0
    for program in programs {
      let uploads = io[program.device]?.uploads ?? []
      var sizes: [BufferID: Int] = [:]
      var live = 0
      var peak = 0
      func define(_ buffer: BufferID, _ elements: Int) {
        live += elements - (sizes[buffer] ?? 0)
        sizes[buffer] = elements
        peak = max(peak, live)
      }
      for instruction in program.instructions {
        switch instruction {
        case .upload(let input, let buffer):
          let upload = uploads[input]
          let type = graph[graph.inputs[upload.wholeInput].node].type
          define(buffer, upload.spec.localShape(of: type.shape, on: upload.mesh).reduce(1, *))
        case .run(let node, _, let buffer):
          define(buffer, node.type.elementCount)
        case .collective(let operation, let source, let group, let buffer):
          let elements = sizes[source] ?? 0
          switch operation {
          case .allReduce: define(buffer, elements)
          case .allGather: define(buffer, elements * group.count)
          case .reduceScatter: define(buffer, elements / max(group.count, 1))
          case .allToAll: define(buffer, elements)
          }
        case .receive(let type, _, _, let buffer):
          define(buffer, type.elementCount)
        case .free(let buffer):
          live -= sizes.removeValue(forKey: buffer) ?? 0
        case .send, .download:
          break
        }
      }
      total += Double(peak) * 4
    }
    return total
  }
}
