package org.mltrules.analyst;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.mltrules.MltRules;

/** The toy rule set of the test resources: compiled once per test JVM, or copied to be changed. */
final class Toy {
    static final Path FOLDER = Path.of("src/test/resources/toy-rules");
    private static MltRules rules;

    private Toy() {
    }

    static synchronized MltRules rules() {
        if (rules == null) {
            rules = MltRules.builder().rulesFrom(FOLDER).build();
        }
        return rules;
    }

    static Path copy(Path target) {
        try (Stream<Path> walk = Files.walk(FOLDER)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(FOLDER.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
