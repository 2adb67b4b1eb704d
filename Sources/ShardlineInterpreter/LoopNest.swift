/// A loop nest over a shape that tracks an element offset into each of two buffers.
///
/// Every data-movement kernel is "visit each index of a box, reading buffer A at one strided
/// offset and writing buffer B at another": broadcasts use stride 0, reversals negative strides,
/// slices, pads and windows base offsets. The nest drops size-1 dimensions and merges neighbours
/// that are contiguous in both buffers, so the innermost row is as long as possible and its loop
/// (over raw pointers, with wrapping index arithmetic) can vectorize.
struct LoopNest {
  /// Sizes of the remaining dimensions, outermost first; the last is the innermost row.
  let sizes: [Int]
  /// Element strides in buffer A, per remaining dimension.
  let stridesA: [Int]
  /// Element strides in buffer B, per remaining dimension.
  let stridesB: [Int]
  /// Whether the box has no elements.
  let isEmpty: Bool

  /// Creates a nest over `shape` with strides `stridesA` and `stridesB` (one per dimension).
  init(shape: [Int], stridesA: [Int], stridesB: [Int]) {
    precondition(shape.count == stridesA.count && shape.count == stridesB.count)
    var sizes: [Int] = []
    var a: [Int] = []
    var b: [Int] = []
    for d in shape.indices.reversed() where shape[d] != 1 {
      if let size = sizes.last, stridesA[d] == a.last! &* size, stridesB[d] == b.last! &* size {
        sizes[sizes.count - 1] = size &* shape[d]
      } else {
        sizes.append(shape[d])
        a.append(stridesA[d])
        b.append(stridesB[d])
      }
    }
    if sizes.isEmpty { (sizes, a, b) = ([1], [1], [1]) }
    self.sizes = sizes.reversed()
    self.stridesA = a.reversed()
    self.stridesB = b.reversed()
    isEmpty = shape.contains(0)
  }

  /// Length of the innermost row.
  var rowCount: Int { sizes[sizes.count - 1] }
  /// Stride of the innermost row in buffer A.
  var rowStrideA: Int { stridesA[stridesA.count - 1] }
  /// Stride of the innermost row in buffer B.
  var rowStrideB: Int { stridesB[stridesB.count - 1] }

  /// Calls `body(offsetA, offsetB)` with the offsets of the first element of each innermost row,
  /// in row-major order of the box.
  @inline(__always)
  func forEachRow(baseA: Int = 0, baseB: Int = 0, _ body: (Int, Int) -> Void) {
    if isEmpty { return }
    let outer = sizes.count - 1
    var index = Array(repeating: 0, count: outer)
    var (a, b) = (baseA, baseB)
    while true {
      body(a, b)
      var d = outer - 1
      while d >= 0 {
        index[d] &+= 1
        a &+= stridesA[d]
        b &+= stridesB[d]
        if index[d] < sizes[d] { break }
        a &-= stridesA[d] &* sizes[d]
        b &-= stridesB[d] &* sizes[d]
        index[d] = 0
        d &-= 1
      }
      if d < 0 { return }
    }
  }

  /// Copies the box from `source` (as buffer A) to `destination` (as buffer B).
  func copy(
    from source: UnsafePointer<Float>, baseA: Int = 0,
    to destination: UnsafeMutablePointer<Float>, baseB: Int = 0
  ) {
    let (count, sa, sb) = (rowCount, rowStrideA, rowStrideB)
    forEachRow(baseA: baseA, baseB: baseB) { a, b in
      if sa == 1 && sb == 1 {
        (destination + b).update(from: source + a, count: count)
      } else {
        var i = 0
        while i < count {
          destination[b &+ i &* sb] = source[a &+ i &* sa]
          i &+= 1
        }
      }
    }
  }

  /// Adds the box of `source` (as buffer A) into `destination` (as buffer B).
  func accumulate(
    from source: UnsafePointer<Float>, baseA: Int = 0,
    into destination: UnsafeMutablePointer<Float>, baseB: Int = 0
  ) {
    let (count, sa, sb) = (rowCount, rowStrideA, rowStrideB)
    forEachRow(baseA: baseA, baseB: baseB) { a, b in
      var i = 0
      while i < count {
        destination[b &+ i &* sb] += source[a &+ i &* sa]
        i &+= 1
      }
    }
  }
}
