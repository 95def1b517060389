/*
 * Preloaded into the CLI under valgrind by .ci/check-soak.sh; not part of AuthStub.
 *
 * Swift's async main ends in libdispatch's dispatch_main(), whose main thread then waits in
 * sigsuspend() on a `static const sigset_t` (swift-corelibs-libdispatch, _dispatch_sigsuspend).
 * Valgrind 3.19 (Debian 12's) removes its own signal from the mask in place before the
 * syscall, so it writes to read-only memory and dies with "Valgrind received a signal 11"
 * before the server has answered anything. This sigsuspend() hands the real one a writable
 * copy of the same mask; the program's behaviour is unchanged.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>

int sigsuspend(const sigset_t *mask) {
    static int (*real)(const sigset_t *);
    if (real == NULL) real = (int (*)(const sigset_t *))dlsym(RTLD_NEXT, "sigsuspend");
    if (real == NULL || mask == NULL) return -1;
    sigset_t copy = *mask;
    return real(&copy);
}
