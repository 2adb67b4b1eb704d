// Shardline's one entry point to OpenBLAS: the CBLAS interface, nothing else.
// Debian's libopenblas-dev installs cblas.h under an alternatives-managed include path that
// pkg-config reports; this header only forwards to it.
#ifndef SHARDLINE_COPENBLAS_SHIM_H
#define SHARDLINE_COPENBLAS_SHIM_H
#include <cblas.h>
#endif
