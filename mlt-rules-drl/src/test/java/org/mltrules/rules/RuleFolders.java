package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.mltrules.MltRules;

/** Copies of the bundled rule folder, to load from a folder, break on purpose, or reload. */
final class RuleFolders {
    /** The bundled rule folder in this module's sources (tests run with the module as working directory). */
    static final Path BUNDLED_SOURCE = Path.of("src/main/resources/org/mltrules/rules");

    private static MltRules folderCopy;

    private RuleFolders() {
    }

    /** Copies the bundled rule folder, scenario files included, into {@code target} (created). */
    static Path copyOfBundled(Path target) {
        try (Stream<Path> walk = Files.walk(BUNDLED_SOURCE)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(BUNDLED_SOURCE.relativize(p).toString());
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

    /**
     * The bundled rule folder compiled from source with the classic compiler, once per test JVM (compiling is
     * slow): the same rules as {@link MltRules#bundled()}, which loads the precompiled executable model.
     */
    static synchronized MltRules folderCopy() {
        if (folderCopy == null) {
            Path dir = Path.of("target/test-rule-folders/bundled-copy");
            delete(dir);
            folderCopy = MltRules.builder().rulesFrom(copyOfBundled(dir)).build();
        }
        return folderCopy;
    }

    /** Replaces the only occurrence of {@code from} in a file (fails if there is not exactly one). */
    static void edit(Path file, String from, String to) {
        String text = read(file);
        assertThat(text.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of %s in %s", from, file)
                .hasSize(2);
        write(file, text.replace(from, to));
    }

    /**
     * {@code file:line:column} of the character at {@code offset} inside the only occurrence of {@code snippet} in
     * {@code folder/file}: the position a problem must name.
     */
    static String at(Path folder, String file, String snippet, int offset) {
        String text = read(folder.resolve(file));
        int i = text.indexOf(snippet);
        assertThat(i).as("%s in %s", snippet, file).isNotNegative();
        assertThat(text.indexOf(snippet, i + 1)).as("second %s in %s", snippet, file).isNegative();
        int pos = i + offset;
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < pos; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                lineStart = k + 1;
            }
        }
        return file + ":" + line + ":" + (pos - lineStart + 1);
    }

    /** Like {@link #at} without the column. */
    static String lineOf(Path folder, String file, String snippet) {
        String p = at(folder, file, snippet, 0);
        return p.substring(0, p.lastIndexOf(':'));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
