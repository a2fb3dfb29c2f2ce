package org.mltrules.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mltrules.Answer;
import org.mltrules.Category;
import org.mltrules.PathStep;
import org.mltrules.PreconditionFailure;
import org.mltrules.Step;

/**
 * The classification path as it advances: the question pending ({@link Step#P1}..{@link Step#Q5}, or
 * {@link #DONE}), the branch reached, the answers given and, at the end, the category. Rules record an answer
 * with {@link #answer}, then move the path with {@code modify($path) { setAt(Step.Q2) }}.
 */
public final class Path {
    /**
     * The value of {@link #getAt()} once the category is decided: no question is pending ({@code null}, so that a
     * constraint such as {@code at == Step.Q3} no longer matches).
     */
    public static final Step DONE = null;

    private Step at = Step.P1;
    private OmdBranch branch;
    private Category category;
    private Answer activeTherapy;
    private final List<PathStep> steps = new ArrayList<>();
    private final List<PreconditionFailure> failures = new ArrayList<>();
    private final Set<String> missing = new LinkedHashSet<>();

    /** The question pending, or {@link #DONE}. */
    public Step getAt() { return at; }
    public void setAt(Step at) { this.at = at; }
    /** The branch reached after Q1-Q3 ({@code INDUCED}, {@code REPEAT}, {@code METACHRONOUS}), else {@code null}. */
    public OmdBranch getBranch() { return branch; }
    public void setBranch(OmdBranch branch) { this.branch = branch; }
    /** The category, once decided. */
    public Category getCategory() { return category; }
    public void setCategory(Category category) { this.category = category; }
    /** The answer to Q4 once given (YES or NO), else {@code null}. */
    public Answer getActiveTherapy() { return activeTherapy; }
    public void setActiveTherapy(Answer activeTherapy) { this.activeTherapy = activeTherapy; }
    /** Whether a precondition has failed (P2 or P3): the case is not oligometastatic. */
    public boolean isPreconditionFailed() { return !failures.isEmpty(); }

    /** Records the answer to the pending question, with the deciding {@code field = value} pairs. */
    public void answer(Step step, Answer answer, String because) {
        steps.add(new PathStep(step, answer, because));
    }

    /** Records a failing OMD precondition, to be listed in {@code classification.reasons}. */
    public void fail(PreconditionFailure failure) {
        if (!failures.contains(failure)) {
            failures.add(failure);
        }
    }

    /** Records unknown facts (input paths) that stop the path; listed in order, without duplicates. */
    public void missing(String... facts) {
        for (String f : facts) {
            missing.add(f);
        }
    }

    public List<PathStep> steps() { return steps; }
    public List<PreconditionFailure> failures() { return failures; }
    public Set<String> missingFacts() { return missing; }

    @Override
    public String toString() {
        return "Path[at=" + (at == DONE ? "DONE" : at) + ", branch=" + branch + ", category=" + category + "]";
    }
}
