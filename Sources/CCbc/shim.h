// Shardline's one entry point to COIN-OR CBC: its C interface, nothing else.
// The header lives under /usr/include/coin (pkg-config cbc reports the path).
#ifndef SHARDLINE_CCBC_SHIM_H
#define SHARDLINE_CCBC_SHIM_H
#include <Cbc_C_Interface.h>
#endif
