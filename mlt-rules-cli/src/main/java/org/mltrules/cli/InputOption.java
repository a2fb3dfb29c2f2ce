package org.mltrules.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.mltrules.json.DemoCases;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input: a file, {@code -} for standard input, or {@code --demo} for the bundled demo cases. */
final class InputOption {
    @Parameters(index = "0", paramLabel = "FILE|-", arity = "0..1",
            description = "Cases to read: one JSON object, a JSON array, or JSON Lines (one case per line); "
                    + "each may also be an HL7 FHIR Bundle (\"resourceType\": \"Bundle\"). '-' reads standard input.")
    String file;

    @Option(names = "--demo",
            description = "Read the bundled demo cases (a vignette for every category) instead of FILE.")
    boolean demo;

    /** The input as messages name it. */
    String name() {
        return demo ? "the demo cases" : file;
    }

    /**
     * Opens the input.
     *
     * @throws Main.ExitException with {@link Main#USAGE} when the file cannot be read, or when neither or both of
     *                            FILE and {@code --demo} are given
     */
    InputStream open(Main.Io io) {
        if (demo) {
            if (file != null) {
                throw new Main.ExitException(Main.USAGE, "give FILE or --demo, not both");
            }
            return DemoCases.open();
        }
        if (file == null) {
            throw new Main.ExitException(Main.USAGE, "no input: give FILE, '-' for standard input, or --demo");
        }
        if ("-".equals(file)) {
            if (io.stdinIsTheProcesses() && StandardInput.isClosed()) {
                throw new Main.ExitException(Main.USAGE, "standard input is closed: give FILE, or pipe the cases in");
            }
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
