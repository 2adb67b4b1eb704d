// Shardline's one entry point to the C library's allocator settings: glibc's mallopt and its
// parameter names, which Swift's Glibc module does not export (they live in <malloc.h>).
// On other C libraries the shim declares nothing and the runtime keeps their defaults.
#ifndef SHARDLINE_CMALLOC_SHIM_H
#define SHARDLINE_CMALLOC_SHIM_H
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#endif
