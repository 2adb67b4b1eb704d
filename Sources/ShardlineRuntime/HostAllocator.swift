import CMalloc

/// How the process's allocator treats the tensors CPU devices allocate and free op after op.
///
/// Every local op returns a newly allocated tensor. With glibc's defaults, a tensor above its
/// mmap threshold (128 KiB at first) is mapped on allocation and unmapped on free, and freed
/// memory at the top of a heap is soon returned to the system: the next op's tensor of the same
/// size then faults in fresh zeroed pages. perf on a 2-device MLP step showed 13 % of the time in
/// page faults and clearing pages. Accelerator runtimes keep freed device memory for reuse
/// instead (PyTorch's caching allocator, XLA's BFC allocator); this does the same on the host.
enum HostAllocator {
  /// Keeps freed memory in the process: tensors up to 32 MiB (glibc's largest mmap threshold on
  /// 64-bit systems) come from the heap, heaps are never trimmed below 2 GiB of free memory, and
  /// a heap grows 64 MiB at a time. Process-wide; a no-op off Linux.
  static let keepFreedMemory: Void = {
    #if os(Linux)
      _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
      _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
      _ = mallopt(M_TOP_PAD, 64 << 20)
    #endif
  }()
}
