import ShardlineHardware
import ShardlineIR

/// An opaque handle to a tensor a backend holds on one device.
///
/// A handle is a number the backend issued, never a pointer: only the backend that returned it
/// can read, use or free the memory behind it. It records the device and the tensor type so that
/// callers can check shapes without asking the device.
public struct DeviceBuffer: Hashable, Sendable, CustomStringConvertible {
  /// The device whose memory holds the tensor.
  public let device: DeviceID
  /// The backend's number for the buffer, unique on its device while the buffer is alive.
  public let handle: UInt64
  /// The tensor's shape and element type.
  public let type: TensorType

  /// Wraps a handle issued by a backend.
  public init(device: DeviceID, handle: UInt64, type: TensorType) {
    self.device = device
    self.handle = handle
    self.type = type
  }

  /// `d3#7 f32[4,8]`.
  public var description: String { "\(device)#\(handle) \(type)" }
}
