package org.mltrules.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.mltrules.MltRules;

/**
 * The bundled rules copied into a rule folder with one extra file of rules that fail on purpose, each for a
 * distinctive number of prior lung resections (no vignette has one):
 * <ul>
 *   <li>77: {@value #ACTION_FAILS}: its action throws, with case content in the exception's message;</li>
 *   <li>78: {@value #CONDITION_FAILS}: one of its conditions divides by zero;</li>
 *   <li>79: a rule starts {@value #LOOPS}, whose action updates its own fact, which re-activates it, without
 *       end.</li>
 * </ul>
 * Compiled once per test run (DRL compilation takes seconds), on first use.
 */
final class FailingRuleSet {
    static final String ACTION_FAILS = "Z1 action fails for 77 prior resections";
    static final String CONDITION_FAILS = "Z2 condition fails for 78 prior resections";
    static final String LOOPS = "Z4 loops once started";

    static final String DRL = """
            package org.mltrules.rules;

            import org.mltrules.facts.Patient;

            rule "%s"
                @id("Z1") @evidence("expert-convention") @tier("E")
            when
                $p : Patient( priorLungResections == 77 )
            then
                // Case content in the message, as careless rule code might put it (rules never see the case id).
                throw new IllegalStateException("case diagnosed " + $p.getPrimaryDiagnosisDate() + ", metastatic "
                        + $p.getOmdDiagnosisDate());
            end

            rule "%s"
                @id("Z2") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 78, 10 / (priorLungResections - 78) > 0 )
            then
            end

            declare Tick
            end

            rule "Z3 starts a loop for 79 prior resections"
                @id("Z3") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 79 )
            then
                insert( new Tick() );
            end

            rule "%s"
                @id("Z4") @evidence("expert-convention") @tier("E")
            when
                $t : Tick()
            then
                update( $t );
            end
            """.formatted(ACTION_FAILS, CONDITION_FAILS, LOOPS);

    private FailingRuleSet() {
    }

    /** The compiled engine; the folder it was compiled from is deleted when the JVM exits. */
    static MltRules engine() {
        return Holder.ENGINE;
    }

    /** The folder of the bundled rules, relative to the module (the tests run in the module's folder). */
    static Path bundledFolder() {
        return Path.of("src/main/resources/org/mltrules/rules");
    }

    /** Copies the bundled rule folder to {@code target}. */
    static void copyBundled(Path target) throws IOException {
        Path bundled = bundledFolder();
        try (Stream<Path> files = Files.walk(bundled)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(bundled.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy);
                }
            }
        }
    }

    private static final class Holder {
        static final MltRules ENGINE = build();

        private static MltRules build() {
            try {
                Path folder = Files.createTempDirectory("mlt-rules-failing");
                folder.toFile().deleteOnExit();
                copyBundled(folder);
                Files.writeString(folder.resolve("zz-failing.drl"), DRL);
                try (Stream<Path> files = Files.walk(folder)) {
                    // deleteOnExit deletes in reverse order of registration: files before their folders.
                    for (Path p : (Iterable<Path>) files.skip(1)::iterator) {
                        p.toFile().deleteOnExit();
                    }
                }
                return MltRules.builder().rulesFrom(folder).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
