package org.mltrules;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.mltrules.facts.Settings;
import org.mltrules.internal.CaseValidator;
import org.mltrules.internal.CompiledRules;
import org.mltrules.internal.Configuration;
import org.mltrules.internal.Evaluator;
import org.mltrules.internal.RuleCompilers;
import org.mltrules.internal.RuleSetSource;
import org.mltrules.spi.RuleCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mlt-rules engine: classifies a patient's metastatic sarcoma by the ESTRO/EORTC oligometastatic categories
 * and ranks metastasis-directed local therapy for each lesion, with reasons and evidence. Decision support for a
 * multidisciplinary sarcoma board, never a decision.
 *
 * <pre>{@code
 * MltRules rules = MltRules.bundled();          // once: loads the precompiled rules
 * Assessment a = rules.assess(patientCase);     // from any thread
 * }</pre>
 *
 * <p><b>Thread safety.</b> An instance is immutable and thread-safe: build it once, share it, and call
 * {@link #assess(PatientCase)} from any number of threads at once. Each call evaluates in its own rule session;
 * no state is shared between calls and none is kept after a call returns. Building an instance is expensive
 * (loading or compiling rules); assessing is cheap. To change rules while serving, see {@code RuleSetHandle}.
 *
 * <p><b>Failures.</b> Whatever a rule does, {@link #assess} ends with an assessment or a {@link RuleFailureException}
 * naming the rule: an exception or a stack overflow in an action or a condition, more than 500,000 firings, more than
 * 10,000 facts, or a case that runs past its evaluation deadline ({@link Builder#caseTimeout}, 5 seconds unless set).
 * Past the deadline the rule session is halted and the calling thread interrupted; a rule that ignores both (a busy
 * loop) keeps the thread, which the host must be ready to abandon ({@link #ruleRunningIn(Thread)} names the rule;
 * docs/reliability.md says what a host does). An {@link OutOfMemoryError} passes unchanged.
 *
 * <p><b>Logging.</b> Case content (ids, dates, values) is never logged above DEBUG.
 */
public final class MltRules {
    private static final Logger LOG = LoggerFactory.getLogger(MltRules.class);

    private final Evaluator evaluator;
    private final Conventions conventions;
    private final Centre centre;
    private final RuleSetSource source;
    private final SortedSet<String> ruleNames;

    private MltRules(Evaluator evaluator, Conventions conventions, Centre centre, RuleSetSource source) {
        this.evaluator = evaluator;
        this.ruleNames = Collections.unmodifiableSortedSet(new TreeSet<>(evaluator.metadata().keySet()));
        this.conventions = conventions;
        this.centre = centre;
        this.source = source;
    }

    /**
     * The bundled rule set with the conventions and centre configuration of its descriptor (the domain
     * specification's defaults). Needs {@code org.mltrules:mlt-rules-drl} on the classpath.
     *
     * @throws RuleSetException when the bundled rules are not on the classpath or cannot be loaded
     */
    public static MltRules bundled() {
        return builder().build();
    }

    /** A builder: bundled rules and the descriptor's conventions unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Assesses one case.
     *
     * @throws InvalidCaseException  when the case is impossible or contradictory (lists every problem)
     * @throws RuleFailureException when a rule fails for this case (its action or a condition throws, the rules do
     *                              not terminate or insert too many facts, or the case runs past its deadline);
     *                              names the rule. Other cases are unaffected.
     * @throws NullPointerException  when {@code patientCase} is null
     */
    public Assessment assess(PatientCase patientCase) {
        return assess(patientCase, null);
    }

    /**
     * Assesses one case and tells {@code firedRules} the name of each rule as it fires, in firing order, including
     * the {@code @undecided} rules that {@link Assessment#firedRules()} leaves out: for audit trails and for rule
     * coverage (which rules no scenario makes fire). The listener runs on the calling thread, inside the
     * evaluation; it must not throw.
     *
     * @param firedRules receives rule names; {@code null} for none
     * @throws InvalidCaseException  when the case is impossible or contradictory (lists every problem)
     * @throws RuleFailureException when a rule fails for this case (names the rule); see {@link #assess(PatientCase)}
     * @throws NullPointerException  when {@code patientCase} is null
     */
    public Assessment assess(PatientCase patientCase, Consumer<String> firedRules) {
        Objects.requireNonNull(patientCase, "patientCase must not be null");
        CaseValidator.Validation valid = CaseValidator.validate(patientCase);
        if (!valid.problems().isEmpty()) {
            throw new InvalidCaseException(patientCase.caseId(), valid.problems());
        }
        Assessment a = evaluator.evaluate(patientCase, valid.histology(), firedRules == null ? name -> { } : firedRules);
        if (LOG.isDebugEnabled()) {
            LOG.debug("assessed case {}: {}", patientCase.caseId(), a.category());
        }
        return a;
    }

    /**
     * The rule this engine is running on a thread, for a host whose thread has not come back from {@link #assess}
     * well after the case's deadline: a rule that ignores interruption (a busy loop). The rule whose action is
     * running, else the rule whose generated code is on the thread's stack (rule folders), else
     * {@link RuleFailureException#UNKNOWN_RULE}; empty when the thread is not assessing with these rules. The host
     * can then record the case as failed in that rule and abandon the thread (see docs/reliability.md).
     */
    public java.util.Optional<String> ruleRunningIn(Thread thread) {
        Objects.requireNonNull(thread, "thread must not be null");
        return java.util.Optional.ofNullable(evaluator.ruleRunningIn(thread));
    }

    /** The evaluation deadline of one case (see {@link Builder#caseTimeout}). */
    public Duration caseTimeout() {
        return evaluator.deadline();
    }

    /**
     * The same rules with another evaluation deadline per case: nothing is recompiled and the fingerprint stays the
     * same (a deadline does not change any assessment, only whether one is given).
     *
     * @throws IllegalArgumentException when the deadline is not positive
     */
    public MltRules withCaseTimeout(Duration caseTimeout) {
        Builder.checkTimeout(caseTimeout);
        if (caseTimeout.equals(caseTimeout())) {
            return this;
        }
        return new MltRules(evaluator.withDeadline(caseTimeout), conventions, centre, source);
    }

    /** Name, version and fingerprint of the rule set in use. */
    public RuleSetInfo ruleSet() {
        return evaluator.info();
    }

    /** The names of every rule of the rule set, sorted (rule names, not {@code @id}s). */
    public SortedSet<String> ruleNames() {
        return ruleNames;
    }

    /**
     * Every rule's metadata by rule name, sorted: its {@code @id}, techniques, effect, text, evidence and tier, as
     * the engine reads them (for a rule catalogue, and for audit tools that name the rules a case matched).
     */
    public Map<String, RuleMetadata> rules() {
        return evaluator.metadata();
    }

    /**
     * Warnings found when the rule set was compiled and linted: deprecated DRL syntax and compiler warnings, with
     * file and position. Empty for the precompiled bundled rules. (Errors refuse the rule set instead.)
     */
    public List<RuleProblem> warnings() {
        return evaluator.warnings();
    }

    /**
     * The same rules under other conventions: nothing is recompiled, so this is cheap. The fingerprint changes with
     * the conventions, as it covers the configuration in force.
     */
    public MltRules withConventions(Conventions conventions) {
        Objects.requireNonNull(conventions, "conventions must not be null");
        return with(conventions, centre);
    }

    /** The same rules under another centre configuration: nothing is recompiled. See {@link #withConventions}. */
    public MltRules withCentre(Centre centre) {
        Objects.requireNonNull(centre, "centre must not be null");
        return with(conventions, centre);
    }

    private MltRules with(Conventions c, Centre k) {
        if (c.equals(conventions) && k.equals(centre)) {
            return this;
        }
        RuleSetInfo info = new RuleSetInfo(ruleSet().name(), ruleSet().version(),
                source.fingerprint(Configuration.canonicalJson(c, k)));
        return new MltRules(evaluator.with(new Settings(c, k), info), c, k, source);
    }

    /** The conventions in force. */
    public Conventions conventions() {
        return conventions;
    }

    /** The centre configuration in force. */
    public Centre centre() {
        return centre;
    }

    /**
     * The citations of the rule set's {@code references.properties} by key, sorted (empty when it has none): what
     * the rules' {@code @evidence} names. {@link RuleMetadata#evidence()} already holds the full citations.
     */
    public Map<String, String> references() {
        return source.references();
    }

    /** The scenario files shipped with the rule set, by relative path (for the analyst workflow). */
    public Map<String, String> scenarioFiles() {
        return source.scenarioFiles();
    }

    /**
     * The rule set's files as read (DRL, scenario files, descriptor), by path relative to its folder: what the
     * fingerprint covers. {@code builder().rulesFrom(files)} builds the same rule set elsewhere, e.g. in another
     * JVM, with the same fingerprint. A copy: changing it changes nothing here.
     */
    public Map<String, byte[]> sourceFiles() {
        Map<String, byte[]> copy = new TreeMap<>();
        source.files().forEach((path, bytes) -> copy.put(path, bytes.clone()));
        return copy;
    }

    /** Builder of {@link MltRules}; not thread-safe. */
    public static final class Builder {
        private Path folder;
        private Map<String, byte[]> files;
        private Conventions conventions;
        private Centre centre;
        private ClassLoader classLoader;
        private Duration caseTimeout = Evaluator.DEFAULT_DEADLINE;

        private Builder() {
        }

        /**
         * The evaluation deadline of one case (default 5 seconds; the bundled rules take well under a millisecond).
         * Past it, the case fails with a {@link RuleFailureException} of kind
         * {@link RuleFailureException.Kind#TIMED_OUT} naming the rule running, its session is discarded, and the
         * calling thread's interrupt status is as before. A rule that ignores interruption keeps the calling thread
         * (see {@link MltRules#ruleRunningIn(Thread)}).
         *
         * @throws IllegalArgumentException when the deadline is not positive
         */
        public Builder caseTimeout(Duration caseTimeout) {
            checkTimeout(caseTimeout);
            this.caseTimeout = caseTimeout;
            return this;
        }

        static void checkTimeout(Duration caseTimeout) {
            Objects.requireNonNull(caseTimeout, "caseTimeout must not be null");
            if (caseTimeout.isNegative() || caseTimeout.isZero()) {
                throw new IllegalArgumentException("the case timeout must be positive");
            }
        }

        /**
         * Uses the rule set in a folder (DRL files, scenario files, {@code ruleset.properties},
         * {@code references.properties}) instead of the bundled one. The folder's rules are compiled at
         * {@link #build()} by {@code org.mltrules:mlt-rules-compiler},
         * which must be on the class path; rules are code and run with the host's privileges, so only load folders
         * you trust.
         */
        public Builder rulesFrom(Path folder) {
            this.folder = Objects.requireNonNull(folder, "folder must not be null");
            this.files = null;
            return this;
        }

        /**
         * Uses a rule set given as its files' contents, by path relative to the rule-set folder with {@code /}
         * separators ({@code classification.drl}, {@code ruleset.properties}, {@code scenarios/a.json}), as
         * {@link MltRules#sourceFiles()} or a folder read elsewhere give them: the same files give the same
         * fingerprint as the folder. Compiled at {@link #build()} by {@code org.mltrules:mlt-rules-compiler}. The
         * map is copied.
         */
        public Builder rulesFrom(Map<String, byte[]> files) {
            Objects.requireNonNull(files, "files must not be null");
            Map<String, byte[]> copy = new TreeMap<>();
            files.forEach((path, bytes) -> copy.put(path, bytes == null ? null : bytes.clone()));
            this.files = copy;
            this.folder = null;
            return this;
        }

        /** Overrides the conventions of the rule set's descriptor. */
        public Builder conventions(Conventions conventions) {
            this.conventions = Objects.requireNonNull(conventions, "conventions must not be null");
            return this;
        }

        /** Overrides the centre configuration of the rule set's descriptor. */
        public Builder centre(Centre centre) {
            this.centre = Objects.requireNonNull(centre, "centre must not be null");
            return this;
        }

        /** The class loader to find the bundled rules with; default: the one that loaded this library. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "loader must not be null");
            return this;
        }

        /**
         * Loads or compiles the rules.
         *
         * @throws RuleSetException when the rule set cannot be read, its descriptor is invalid or it does not
         *                          compile; lists every problem with file, line and column where known
         */
        public MltRules build() {
            long start = System.nanoTime();
            ClassLoader loader = classLoader != null ? classLoader : MltRules.class.getClassLoader();
            boolean bundled = folder == null && files == null;
            RuleCompiler compiler = bundled ? null : RuleCompilers.find(loader);
            RuleSetSource source = bundled ? RuleSetSource.bundled(loader)
                    : folder != null ? RuleSetSource.of(compiler.readFolder(folder), folder.toString())
                    : RuleSetSource.of(files, "memory");
            Properties descriptor = source.descriptor();
            List<RuleProblem> problems = new ArrayList<>(Configuration.check(descriptor));
            CompiledRules rules;
            if (bundled) {
                if (!problems.isEmpty()) {
                    throw new RuleSetException("invalid rule-set descriptor", problems);
                }
                rules = CompiledRules.bundled(loader, source.references());
            } else {
                // Compiled even with a bad descriptor, so that the analyst sees every problem at once.
                try {
                    rules = CompiledRules.of(compiler.compile(source.drlFiles(), source.referencesText()),
                            source.references());
                } catch (RuleSetException e) {
                    problems.addAll(e.problems());
                    throw new RuleSetException("the rule set is refused", problems);
                }
                if (!problems.isEmpty()) {
                    problems.addAll(rules.warnings());
                    throw new RuleSetException("invalid rule-set descriptor", problems);
                }
            }
            Conventions c = conventions != null ? conventions : Configuration.conventions(descriptor, problems);
            Centre k = centre != null ? centre : Configuration.centre(descriptor, problems);
            RuleSetInfo info = new RuleSetInfo(descriptor.getProperty("name").trim(),
                    descriptor.getProperty("version").trim(), source.fingerprint(Configuration.canonicalJson(c, k)));
            LOG.info("rule set {} {} loaded from {} in {} ms ({} rules)", info.name(), info.version(),
                    source.origin(), (System.nanoTime() - start) / 1_000_000, rules.metadata().size());
            if (!rules.warnings().isEmpty() && LOG.isWarnEnabled()) {
                LOG.warn("rule set {} {} has {} warning(s):\n{}", info.name(), info.version(),
                        rules.warnings().size(), rules.warnings().stream().map(RuleProblem::render)
                                .collect(java.util.stream.Collectors.joining("\n")));
            }
            return new MltRules(new Evaluator(rules, new Settings(c, k), info, caseTimeout), c, k, source);
        }
    }
}
