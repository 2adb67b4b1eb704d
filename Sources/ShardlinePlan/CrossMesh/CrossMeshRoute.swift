/// The messages that carry out a cross-mesh transfer: which source device sends which box of the
/// tensor to which destination device, and the all-gather inside the destination mesh that
/// completes the tiles when each receiver gets only its slice (see ``CrossMeshResharding``).
///
/// Boxes are given in local coordinates on both ends, so a runtime slices a message out of the
/// sender's shard at ``Message/sourceStart`` and places it in what the receiver assembles at
/// ``Message/destinationStart``. A receiver's messages tile the box it receives exactly: their
/// starts form a grid (every combination of the distinct starts of each dimension).
public struct CrossMeshRoute: Sendable, Hashable {
  /// One point-to-point message.
  public struct Message: Sendable, Hashable {
    /// The sender's position among the source placement's devices. A destination device that
    /// holds the piece as a source device is its own sender.
    public var sender: Int
    /// The receiver's position among the destination placement's devices.
    public var receiver: Int
    /// The sizes of the box sent.
    public var shape: [Int]
    /// Where the box starts in the sender's shard.
    public var sourceStart: [Int]
    /// Where the box starts in the receiver's received box (see ``receivedShapes``).
    public var destinationStart: [Int]

    /// Creates a message; coordinates are in the property names.
    public init(
      sender: Int, receiver: Int, shape: [Int], sourceStart: [Int], destinationStart: [Int]
    ) {
      self.sender = sender
      self.receiver = receiver
      self.shape = shape
      self.sourceStart = sourceStart
      self.destinationStart = destinationStart
    }
  }

  /// Every message, receiver by receiver, each receiver's in grid order (the last dimension's
  /// start varying fastest).
  public var messages: [Message]
  /// The destination mesh axes of the all-gather that follows the messages (`[0]`, `[1]` or
  /// `[0, 1]`), or `[]` when every receiver gets its whole tile.
  public var allGatherAxes: [Int]
  /// The dimension along which the receivers of an all-gather each receive one slice of their
  /// tile, in group rank order; `nil` without an all-gather.
  public var allGatherDimension: Int?
  /// The shape of the box each destination device receives, by position: its whole tile, or its
  /// slice of the tile before the all-gather.
  public var receivedShapes: [[Int]]

  /// Creates a route; see the properties for the meaning of each part.
  public init(
    messages: [Message], allGatherAxes: [Int], allGatherDimension: Int?,
    receivedShapes: [[Int]]
  ) {
    self.messages = messages
    self.allGatherAxes = allGatherAxes
    self.allGatherDimension = allGatherDimension
    self.receivedShapes = receivedShapes
  }

  /// The messages destination position `receiver` receives, in grid order.
  public func messages(to receiver: Int) -> [Message] {
    messages.filter { $0.receiver == receiver }
  }

  /// The messages source position `sender` sends, in the order of ``messages``.
  public func messages(from sender: Int) -> [Message] {
    messages.filter { $0.sender == sender }
  }
}
