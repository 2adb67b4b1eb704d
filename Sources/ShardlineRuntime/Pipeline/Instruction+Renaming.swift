/// Renaming the buffers and inputs an instruction refers to, for splicing programs together.
extension Instruction {
  /// The instruction with every buffer renamed by `buffer` and an upload's input by `input`.
  func renamed(buffer: (BufferID) -> BufferID, input: (Int) -> Int) -> Instruction {
    switch self {
    case .upload(let index, let into): .upload(input: input(index), into: buffer(into))
    case .run(let node, let operands, let result):
      .run(node, operands: operands.map(buffer), result: buffer(result))
    case .collective(let operation, let source, let group, let result):
      .collective(operation, source: buffer(source), group: group, result: buffer(result))
    case .send(let sent, let receiver, let tag): .send(buffer(sent), to: receiver, tag: tag)
    case .receive(let type, let sender, let tag, let into):
      .receive(type, from: sender, tag: tag, into: buffer(into))
    case .download(let downloaded): .download(buffer(downloaded))
    case .free(let freed): .free(buffer(freed))
    }
  }
}
