// Allocator settings for a long-running server process. See System.swift on Darwin.

#if canImport(Glibc)
import Glibc
#endif

/// Keeps a long-running process's memory from creeping up while what it holds stays the same,
/// as a soak of a million logins showed it did with glibc's defaults:
///
/// - glibc's malloc gives each block of 128 KiB or more its own mapping, returned to the system
///   when freed, but raises that threshold to the size of every such block freed. After a
///   journal listing (several MiB) blocks of that size come from the heap instead, and the heap
///   stays resident, fragmented, at its high-water mark. The threshold is fixed at 128 KiB.
/// - Each thread that meets a busy arena gets an arena of its own (up to eight per core), and
///   every arena keeps its own free space. Two arenas serve the server's few busy threads.
///
/// Darwin's allocator needs neither. It changes the whole process: for executables such as the
/// CLI, never for a library's host.
package func limitAllocatorRetention() {
    #if canImport(Glibc)
    // `mallopt` is in <malloc.h>, which the Glibc module does not export; it is looked up instead.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
    let arenaMax: Int32 = -8  // M_ARENA_MAX
    _ = mallopt(mmapThreshold, 128 * 1024)
    _ = mallopt(arenaMax, 2)
    #endif
}
