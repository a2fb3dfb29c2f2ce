package org.mltrules.cli;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mltrules.Assessment;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.RuleFailureException;
import org.mltrules.json.CaseRecord;
import org.mltrules.json.ErrorRecord;

/**
 * One case read from the input, assessed or not: exactly one of {@code assessment} and {@code error} is set. The
 * one place that turns a rejection or a rule failure into an error record.
 */
record Attempt(Assessment assessment, ErrorRecord error) {

    static Attempt of(MltRules engine, CaseRecord c) {
        if (!c.isValid()) {
            return new Attempt(null, c.rejection());
        }
        try {
            return new Attempt(engine.assess(c.patientCase()), null);
        } catch (InvalidCaseException x) {
            return new Attempt(null, ErrorRecord.rejected(c.index(), c.line(), c.caseId(), x.problems()));
        } catch (RuleFailureException x) {
            return new Attempt(null, ErrorRecord.failed(c.index(), c.line(), c.caseId(), x));
        }
    }

    /**
     * How long the tool waits for a case before it gives its thread up: the engine interrupts a case at its
     * deadline, so a case still running well after it is in a rule that ignores interruption.
     */
    static Duration giveUpAfter(MltRules engine) {
        return engine.caseTimeout().multipliedBy(2).plusSeconds(1);
    }

    /** The error record of a case whose thread, stuck in a rule that ignores interruption, was abandoned. */
    static ErrorRecord abandoned(MltRules engine, CaseRecord c, Thread worker) {
        String rule = worker == null ? RuleFailureException.UNKNOWN_RULE
                : engine.ruleRunningIn(worker).orElse(RuleFailureException.UNKNOWN_RULE);
        RuleFailureException stuck = new RuleFailureException(rule, RuleFailureException.Kind.TIMED_OUT,
                "the case ran past its evaluation deadline of " + AssessCommand.seconds(engine.caseTimeout())
                        + " and the rule ignores interruption: its thread was abandoned", null);
        return ErrorRecord.failed(c.index(), c.line(), c.caseId(), stuck);
    }

    /**
     * {@link #of} on a thread of its own, given up (its thread abandoned) if it has not come back
     * {@link #giveUpAfter} its start.
     *
     * @throws Main.ExitException when the case ran out of memory
     */
    static Attempt patiently(MltRules engine, CaseRecord c) {
        FutureTask<Attempt> task = new FutureTask<>(() -> of(engine, c));
        Thread worker = new Thread(task, "mlt-rules-case");
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(giveUpAfter(engine).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Attempt(null, abandoned(engine, c, worker));
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
