package org.mltrules.cli;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.RuleFailureException;
import org.mltrules.fhir.MappingResult;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;

/**
 * One record read from the input, assessed or not: exactly one of {@code assessment} and {@code error} is set, and
 * {@code mapping} is the FHIR mapping of a bundle (null for a case in the case format). The one place that turns a
 * rejection, a bundle that cannot be mapped or a rule failure into an error record.
 */
record Attempt(Assessment assessment, ErrorRecord error, MappingResult mapping) {

    /** True when the record was a FHIR bundle. */
    boolean isBundle() {
        return mapping != null;
    }

    /** The case that was (or would have been) assessed; null when there is none. */
    PatientCase patientCase(CaseRecord c) {
        return mapping != null ? mapping.patientCase().orElse(null) : c.patientCase();
    }

    static Attempt of(MltRules engine, CaseRecord c, FhirOption fhir) {
        return of(engine, c, c.isBundle() ? fhir.mapper(engine.conventions().maxLesions()).map(c.bundle()) : null);
    }

    /** As {@link #of(MltRules, CaseRecord, FhirOption)}, with a bundle's mapping already made ({@code m}). */
    static Attempt of(MltRules engine, CaseRecord c, MappingResult m) {
        if (c.isBundle()) {
            if (!m.isMapped()) {
                return new Attempt(null, m.errorRecord(c.index(), c.line()), m);
            }
            return assess(engine, m.patientCase().orElseThrow(), c, m.caseId(), m);
        }
        if (!c.isValid()) {
            return new Attempt(null, c.rejection(), null);
        }
        return assess(engine, c.patientCase(), c, c.caseId(), null);
    }

    private static Attempt assess(MltRules engine, PatientCase pc, CaseRecord c, String caseId, MappingResult m) {
        try {
            return new Attempt(engine.assess(pc), null, m);
        } catch (InvalidCaseException x) {
            return new Attempt(null, ErrorRecord.rejected(c.index(), c.line(), caseId, x.problems()), m);
        } catch (RuleFailureException x) {
            return new Attempt(null, ErrorRecord.failed(c.index(), c.line(), caseId, x), m);
        }
    }

    /**
     * How long the tool waits for a case before it gives its thread up: the engine interrupts a case at its
     * deadline, so a case still running well after it is in a rule that ignores interruption.
     */
    static Duration giveUpAfter(MltRules engine) {
        return engine.caseTimeout().multipliedBy(2).plusSeconds(1);
    }

    /**
     * The error record of a case whose thread, stuck in a rule that ignores interruption, was abandoned.
     *
     * @param m the mapping of a bundle record (its case id), null for a case in the case format
     */
    static ErrorRecord abandoned(MltRules engine, CaseRecord c, Thread worker, MappingResult m) {
        String rule = worker == null ? RuleFailureException.UNKNOWN_RULE
                : engine.ruleRunningIn(worker).orElse(RuleFailureException.UNKNOWN_RULE);
        RuleFailureException stuck = new RuleFailureException(rule, RuleFailureException.Kind.TIMED_OUT,
                "the case ran past its evaluation deadline of " + AssessCommand.seconds(engine.caseTimeout())
                        + " and the rule ignores interruption: its thread was abandoned", null);
        return ErrorRecord.failed(c.index(), c.line(), m != null ? m.caseId() : c.caseId(), stuck);
    }

    /**
     * {@link #of(MltRules, CaseRecord, MappingResult)} on a thread of its own, given up (its thread abandoned) if it has not come back
     * {@link #giveUpAfter} its start.
     *
     * @throws Main.ExitException when the case ran out of memory
     */
    static Attempt patiently(MltRules engine, CaseRecord c, MappingResult m) {
        FutureTask<Attempt> task = new FutureTask<>(() -> of(engine, c, m));
        Thread worker = new Thread(task, "mlt-rules-case");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(giveUpAfter(engine).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Attempt(null, abandoned(engine, c, worker, m), m);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                throw new Main.ExitException(Main.INTERNAL_ERROR, "out of memory while assessing the case. Give the "
                        + "tool more memory (MLT_RULES_JAVA_OPTS=-Xmx4g)");
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause().getClass().getName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Main.ExitException(Main.INTERNAL_ERROR, "interrupted");
        }
    }
}
