import ShardlinePlan

/// One device's program when it hosts several model chunks (interleaved 1F1B): the programs the
/// chunks' stages wrote separately, spliced together in the device group's order.
///
/// Each chunk's program is an upload prologue, its tasks in its own order, and an epilogue of
/// frees. The spliced program runs every prologue, then each task of the device group's order
/// from the chunk it belongs to, then every epilogue. Chunk c of v renames its buffer b to
/// b·v + c, so the chunks' buffers never collide, and its upload k to its position among all
/// the chunks' uploads; downloads keep the order they take in the spliced program. A device with
/// one chunk keeps its program as written.
struct InterleavedProgram {
  /// The spliced program.
  let program: DeviceProgram
  /// Its uploads and downloads, in the order its instructions make them.
  let io: PipelineIO
  /// Each task in program order, with the range of its instructions.
  let taskInstructions: [(step: PipelineStep, instructions: Range<Int>)]

  /// Splices the programs `chunks` wrote for one device, each for its own stage, in `order`
  /// (the device group's order, which interleaves the chunks' own orders).
  init(chunks: [StageProgramWriter], order: [PipelineStep]) {
    if chunks.count == 1 {
      program = chunks[0].program
      io = chunks[0].io
      taskInstructions = chunks[0].taskInstructions
      return
    }
    let count = chunks.count
    var instructions: [Instruction] = []
    var io = PipelineIO()
    var uploadOffsets: [Int] = []
    for chunk in chunks {
      uploadOffsets.append(io.uploads.count)
      io.uploads += chunk.io.uploads
    }
    var nextDownload = [Int](repeating: 0, count: count)
    func append(_ chunk: Int, _ range: Range<Int>) {
      for instruction in chunks[chunk].program.instructions[range] {
        instructions.append(
          instruction.renamed(
            buffer: { BufferID($0.rawValue * count + chunk) },
            input: { $0 + uploadOffsets[chunk] }))
        if case .download = instruction {
          io.downloads.append(chunks[chunk].io.downloads[nextDownload[chunk]])
          nextDownload[chunk] += 1
        }
      }
    }
    for (index, chunk) in chunks.enumerated() {
      append(index, 0..<(chunk.taskInstructions.first?.instructions.lowerBound ?? 0))
    }
    let chunkOfStage = Dictionary(
      uniqueKeysWithValues: chunks.enumerated().map { ($1.tasks.stage, $0) })
    var nextTask = [Int](repeating: 0, count: count)
    var tasks: [(step: PipelineStep, instructions: Range<Int>)] = []
    for step in order {
      let chunk = chunkOfStage[step.stage]!
      let task = chunks[chunk].taskInstructions[nextTask[chunk]]
      precondition(task.step == step, "each chunk wrote its tasks in the group's order")
      nextTask[chunk] += 1
      let start = instructions.count
      append(chunk, task.instructions)
      tasks.append((step, start..<instructions.count))
    }
    for (index, chunk) in chunks.enumerated() {
      let end = chunk.taskInstructions.last?.instructions.upperBound ?? 0
      append(index, end..<chunk.program.instructions.count)
    }
    program = DeviceProgram(device: chunks[0].program.device, instructions: instructions)
    self.io = io
    taskInstructions = tasks
  }
}
