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
 *       end;</li>
 *   <li>80: {@value #UPDATES_THE_PATIENT} updates the patient, which re-activates it and many bundled rules, without
 *       end (with a low salience, so that the rules it re-activates fire first);</li>
 *   <li>81, 82, 83: {@value #EVAL_FAILS}, {@value #FROM_FAILS}, {@value #ACCUMULATE_FAILS}: an {@code eval}, a
 *       {@code from} and an {@code accumulate} that throw (the case's INR or histology is unknown);</li>
 *   <li>84, 85: {@value #ACTION_OVERFLOWS}, {@value #CONDITION_OVERFLOWS}: a recursive function overflows the
 *       stack in an action and in an {@code eval};</li>
 *   <li>86: {@value #HEAPS_UP} inserts a fact of 8 KB on every firing, each of which re-activates it;</li>
 *   <li>87: {@value #SLEEPS} sleeps for a minute (interruptible);</li>
 *   <li>88: {@value #SPINS} spins, ignoring interruption, until the system property {@value #STOP_SPINNING} is
 *       true (at most 30 seconds);</li>
 *   <li>89: {@value #ALLOCATES_TOO_MUCH} allocates an array larger than any heap: an {@link OutOfMemoryError}
 *       at once, without filling memory;</li>
 *   <li>90: {@value #DECIDES_NOTHING} ends the classification before any category is decided.</li>
 * </ul>
 * Compiled once per test run (DRL compilation takes seconds), on first use.
 */
final class FailingRuleSet {
    static final String ACTION_FAILS = "Z1 action fails for 77 prior resections";
    static final String CONDITION_FAILS = "Z2 condition fails for 78 prior resections";
    static final String LOOPS = "Z4 loops once started";
    static final String UPDATES_THE_PATIENT = "Z5 updates the patient for 80 prior resections";
    static final String EVAL_FAILS = "Z6 eval fails for 81 prior resections";
    static final String FROM_FAILS = "Z7 from fails for 82 prior resections";
    static final String ACCUMULATE_FAILS = "Z8 accumulate fails for 83 prior resections";
    static final String ACTION_OVERFLOWS = "Z9 action overflows the stack for 84";
    static final String CONDITION_OVERFLOWS = "Z10 condition overflows the stack for 85";
    static final String HEAPS_UP = "Z12 heaps up facts";
    static final String SLEEPS = "Z13 sleeps for 87 prior resections";
    static final String SPINS = "Z14 spins for 88 prior resections";
    static final String STOP_SPINNING = "mltrules.test.stopSpinning";
    static final String ALLOCATES_TOO_MUCH = "Z15 allocates too much for 89 prior resections";
    static final String DECIDES_NOTHING = "Z16 decides nothing for 90 prior resections";

    static final String DRL = """
            package org.mltrules.rules;

            import org.mltrules.Step;
            import org.mltrules.facts.Path;
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

            rule "%s"
                @id("Z5") @evidence("expert-convention") @tier("E") salience -1
            when
                $p : Patient( priorLungResections == 80 )
            then
                update( $p );
            end

            rule "%s"
                @id("Z6") @evidence("expert-convention") @tier("E")
            when
                $p : Patient( priorLungResections == 81 )
                eval( $p.getInr() > 1.5 )
            then
            end

            rule "%s"
                @id("Z7") @evidence("expert-convention") @tier("E")
            when
                $p : Patient( priorLungResections == 82 )
                $name : String() from $p.getHistology().name()
            then
            end

            rule "%s"
                @id("Z8") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 83 )
                Number() from accumulate( Patient( $inr : inr ), sum( $inr ) )
            then
            end

            function int deeper(int depth) {
                return deeper(depth + 1) + 1;
            }

            rule "%s"
                @id("Z9") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 84 )
            then
                deeper(0);
            end

            rule "%s"
                @id("Z10") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 85 )
                eval( deeper(0) > 0 )
            then
            end

            declare Heap
                data : long[]
            end

            rule "Z11 starts a heap for 86 prior resections"
                @id("Z11") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 86 )
            then
                insert( new Heap( new long[1024] ) );
            end

            rule "%s"
                @id("Z12") @evidence("expert-convention") @tier("E")
            when
                Heap()
            then
                insert( new Heap( new long[1024] ) );
            end

            rule "%s"
                @id("Z13") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 87 )
            then
                Thread.sleep( 60000 );
            end

            rule "%s"
                @id("Z14") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 88 )
            then
                long end = System.nanoTime() + 30000000000L;
                while ( !Boolean.getBoolean( "%s" ) && System.nanoTime() < end ) {
                    // busy: never looks at the thread's interrupt status
                }
            end

            rule "%s"
                @id("Z15") @evidence("expert-convention") @tier("E")
            when
                Patient( priorLungResections == 89 )
            then
                long[] huge = new long[Integer.MAX_VALUE - 8];
            end

            rule "%s"
                @id("Z16") @evidence("expert-convention") @tier("E") salience 1000
            when
                Patient( priorLungResections == 90 )
                $path : Path( at == Step.P1 )
            then
                modify( $path ) { setAt( Path.DONE ) }
            end
            """.formatted(ACTION_FAILS, CONDITION_FAILS, LOOPS, UPDATES_THE_PATIENT, EVAL_FAILS, FROM_FAILS,
            ACCUMULATE_FAILS, ACTION_OVERFLOWS, CONDITION_OVERFLOWS, HEAPS_UP, SLEEPS, SPINS, STOP_SPINNING,
            ALLOCATES_TOO_MUCH, DECIDES_NOTHING);

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
