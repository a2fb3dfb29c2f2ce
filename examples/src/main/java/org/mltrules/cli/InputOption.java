package org.mltrules.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The input positional parameter: a file, or {@code -} for standard input. */
final class InputOption {
    @Parameters(index = "0", paramLabel = "FILE|-", arity = "1",
            description = "Cases to read: one JSON object, a JSON array, or JSON Lines (one case per line); "
                    + "'-' reads standard input.")
    String file;

    /**
     * Opens the input.
     *
     * @throws Main.ExitException with {@link Main#USAGE} when the file cannot be read
     */
    InputStream open(Main.Io io) {
        if ("-".equals(file)) {
            return new NonClosingInputStream(io.in());
        }
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + file + ": it is a folder");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new Main.ExitException(Main.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Standard input belongs to the process: readers may close their view of it, not the stream. */
    private static final class NonClosingInputStream extends java.io.FilterInputStream {
        NonClosingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller's stream stays open
        }
    }
}
