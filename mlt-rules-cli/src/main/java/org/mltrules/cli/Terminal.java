package org.mltrules.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard error is an interactive terminal, without native code. */
final class Terminal {
    private Terminal() {
    }

    /**
     * True when file descriptor 2 is a terminal. {@code System.console()} cannot tell (it looks at standard input
     * and output), so this reads where {@code /proc/self/fd/2} points (Linux); elsewhere it answers false, and
     * {@code --progress} turns the progress line on explicitly.
     */
    static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (!Files.isSymbolicLink(fd)) {
                return false;
            }
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }
}
