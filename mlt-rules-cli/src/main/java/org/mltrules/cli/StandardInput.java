package org.mltrules.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process was started with its standard input closed ({@code mlt-rules assess - <&-}). Then descriptor
 * 0 is free when the JVM starts, and the first file the JVM opens takes it: {@code System.in} would read the JDK's
 * {@code lib/modules} (or the tool's jar) as cases. The launcher tells with {@code -Dmltrules.stdin=closed}; started
 * otherwise on Linux, descriptor 0 is recognised as one of the JVM's own files.
 */
final class StandardInput {
    /** The system property the launcher sets when standard input is closed. */
    static final String PROPERTY = "mltrules.stdin";

    private StandardInput() {
    }

    static boolean isClosed() {
        if ("closed".equals(System.getProperty(PROPERTY))) {
            return true;
        }
        Path target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // not Linux, or no /proc: the launcher's word is all there is
        }
        return isTheJvmsOwn(target);
    }

    /** A file of the JDK, of the class path, or a class-data-sharing archive: never cases. */
    static boolean isTheJvmsOwn(Path file) {
        if (!file.isAbsolute()) {
            return false; // pipe:[...], socket:[...], /dev/pts/0 resolve to absolute paths only when they are files
        }
        Path javaHome = Path.of(System.getProperty("java.home", "/nonexistent")).toAbsolutePath().normalize();
        if (file.normalize().startsWith(javaHome) || file.toString().endsWith(".jsa")) {
            return true;
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(file.normalize())) {
                return true;
            }
        }
        return false;
    }
}
