#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether standard output is a terminal (not a pipe or a file), so colours are welcome.
package func standardOutputIsTerminal() -> Bool {
    isatty(STDOUT_FILENO) == 1
}
