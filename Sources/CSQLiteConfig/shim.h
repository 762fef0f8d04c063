#ifndef CONFIANZA_CSQLITECONFIG_SHIM_H
#define CONFIANZA_CSQLITECONFIG_SHIM_H

#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call. It takes effect only before SQLite initialises, that is
// before the process opens its first connection; afterwards it returns SQLITE_MISUSE and changes nothing.

/// Turns off SQLite's memory statistics: with them on (Debian's build), every allocation and free of every connection
/// takes one process-wide mutex, which the writer and the snapshot readers contend for on every statement.
static inline int cfz_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/// Bytes SQLite has allocated, as its statistics count them (0 while they are off).
static inline sqlite3_int64 cfz_sqlite3_memory_used(void) {
    return sqlite3_memory_used();
}

#endif
