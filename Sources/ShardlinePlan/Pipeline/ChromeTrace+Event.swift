/// The JSON objects of the Chrome trace event format that ``ChromeTrace`` writes.
extension ChromeTrace {
  /// One trace event; absent optionals are left out of the JSON.
  struct Event {
    /// The slice's label, or the metadata event's name (`process_name`, `thread_name`, …).
    var name: String
    /// The phase: `X` for a complete event, `M` for metadata.
    var ph: StaticString
    /// The process: the device group.
    var pid: Int
    /// The thread: 0 compute, 1 activation sends, 2 gradient sends.
    var tid: Int
    /// Start, in seconds; written as `ts` in microseconds.
    var startSeconds: Double?
    /// End, in seconds; written as `dur` in microseconds.
    var endSeconds: Double?
    /// `compute` or `transfer`.
    var cat: StaticString?
    /// What the viewer shows for the event.
    var args: Args

    /// A metadata event.
    static func metadata(_ name: String, pid: Int, tid: Int, args: Args) -> Event {
      Event(
        name: name, ph: "M", pid: pid, tid: tid, startSeconds: nil, endSeconds: nil,
        cat: nil, args: args)
    }

    /// Appends the event as one JSON object with its keys in sorted order.
    func write(into writer: inout JSONWriter) {
      writer.raw("{\"args\":")
      args.write(into: &writer)
      if let cat {
        writer.raw(",\"cat\":\"")
        writer.raw(cat)
        writer.raw("\"")
      }
      if let startSeconds, let endSeconds {
        // Rounding both ends keeps back-to-back slices touching.
        writer.raw(",\"dur\":")
        writer.microseconds(
          nanoseconds: JSONWriter.nanoseconds(endSeconds) - JSONWriter.nanoseconds(startSeconds))
      }
      writer.raw(",\"name\":")
      writer.string(name)
      writer.raw(",\"ph\":\"")
      writer.raw(ph)
      writer.raw("\",\"pid\":")
      writer.integer(pid)
      writer.raw(",\"tid\":")
      writer.integer(tid)
      if let startSeconds {
        writer.raw(",\"ts\":")
        writer.microseconds(nanoseconds: JSONWriter.nanoseconds(startSeconds))
      }
      writer.raw("}")
    }
  }

  /// An event's `args`; absent optionals are left out of the JSON.
  struct Args {
    /// A process or thread name, for metadata.
    var name: String?
    /// A process's place in the viewer (`sort_index`), for metadata.
    var sortIndex: Int?
    /// The task's microbatch; absent for an update.
    var microbatch: Int?
    /// The task's ``PipelineTaskKind`` raw value.
    var kind: String?
    /// The task's (virtual) stage.
    var stage: Int?
    /// The task's chunk within its device group.
    var chunk: Int?

    /// Creates args; absent ones are left out.
    init(
      name: String? = nil, sortIndex: Int? = nil, microbatch: Int? = nil, kind: String? = nil,
      stage: Int? = nil, chunk: Int? = nil
    ) {
      self.name = name
      self.sortIndex = sortIndex
      self.microbatch = microbatch
      self.kind = kind
      self.stage = stage
      self.chunk = chunk
    }

    /// Appends the args as one JSON object with its keys in sorted order.
    func write(into writer: inout JSONWriter) {
      var isFirst = true
      func key(_ name: StaticString) {
        writer.raw(isFirst ? "{" : ",")
        writer.raw(name)
        isFirst = false
      }
      if let chunk {
        key("\"chunk\":")
        writer.integer(chunk)
      }
      if let kind {
        key("\"kind\":")
        writer.string(kind)
      }
      if let microbatch {
        key("\"microbatch\":")
        writer.integer(microbatch)
      }
      if let name {
        key("\"name\":")
        writer.string(name)
      }
      if let sortIndex {
        key("\"sort_index\":")
        writer.integer(sortIndex)
      }
      if let stage {
        key("\"stage\":")
        writer.integer(stage)
      }
      writer.raw(isFirst ? "{}" : "}")
    }
  }
}
