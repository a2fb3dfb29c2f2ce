package org.mltrules;

import java.util.Objects;

/**
 * A question of the classification path: the OMD preconditions {@link #P1}-{@link #P3} (ESTRO-ASTRO, Lievens Y et
 * al., Radiother Oncol 2020;148:157-166), then the ESTRO/EORTC decision tree {@link #Q1}-{@link #Q5} (Guckenberger M
 * et al., Lancet Oncol 2020;21:e18-e28), in the order they are asked. See {@code docs/clinical-rules.md}.
 *
 * <p>Each step's question is a template: the numbers that come from a convention ({@code maxLesions},
 * {@code synchronousWindowMonths}) are filled in with the conventions in force, so that a host shows the question
 * its assessment actually answered ({@link #question(Conventions)}).
 */
public enum Step {
    /** Is there distant metastasis (at least one counted lesion)? */
    P1("distant metastasis present?"),
    /** At most {@link Conventions#maxLesions()} counted lesions? */
    P2("at most {maxLesions} counted lesions?"),
    /** Is every counted lesion safely treatable? */
    P3("every counted lesion safely treatable?"),
    /** Polymetastatic disease before the current OMD diagnosis (induced OMD)? */
    Q1("polymetastatic disease before this diagnosis?"),
    /** Oligometastatic disease before the current OMD diagnosis (repeat OMD)? */
    Q2("oligometastatic disease before this diagnosis?"),
    /** De-novo OMD more than {@link Conventions#synchronousWindowMonths()} months after the primary (metachronous)? */
    Q3("more than {synchronousWindowMonths} months after the primary?"),
    /** OMD diagnosed during active systemic therapy? */
    Q4("during active systemic therapy?"),
    /** Repeat or induced OMD: any counted lesion progressing? */
    Q5("any counted lesion progressing?");

    private final String template;

    Step(String template) {
        this.template = template;
    }

    /**
     * The question with placeholders for the conventions it depends on, in braces: {@code {maxLesions}} (P2) and
     * {@code {synchronousWindowMonths}} (Q3).
     */
    public String template() {
        return template;
    }

    /**
     * The question as asked under the given conventions, e.g. {@code "at most 5 counted lesions?"} or
     * {@code "more than 6 months after the primary?"}.
     */
    public String question(Conventions conventions) {
        Objects.requireNonNull(conventions, "conventions must not be null");
        return template.replace("{maxLesions}", Integer.toString(conventions.maxLesions()))
                .replace("{synchronousWindowMonths}", Integer.toString(conventions.synchronousWindowMonths()));
    }

    /** Whether this is an OMD precondition (P1-P3) rather than a question of the ESTRO/EORTC tree (Q1-Q5). */
    public boolean isPrecondition() {
        return this == P1 || this == P2 || this == P3;
    }
}
