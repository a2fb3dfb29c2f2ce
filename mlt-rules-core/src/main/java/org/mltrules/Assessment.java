package org.mltrules;

import java.util.List;
import java.util.Objects;

/**
 * The full, explained result for one case: disease state, local-therapy candidacy and a ranking per lesion.
 * Decision support only: see {@link #DISCLAIMER}.
 *
 * @param caseId         the input's case id
 * @param rules          the rule set used (name, version, fingerprint)
 * @param classification the ESTRO/EORTC category and its path
 * @param candidacy      patient-level candidacy
 * @param lesions        every input lesion, in input order
 * @param firedRules     the unique ids of all rules that fired, sorted
 * @param disclaimer     always {@link #DISCLAIMER}
 */
public record Assessment(String caseId, RuleSetInfo rules, Classification classification, Candidacy candidacy,
                         List<LesionAssessment> lesions, List<String> firedRules, String disclaimer) {

    /** The disclaimer that ends every assessment. */
    public static final String DISCLAIMER = "Decision support only: discuss in a multidisciplinary sarcoma board.";

    public Assessment {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(classification, "classification");
        Objects.requireNonNull(candidacy, "candidacy");
        lesions = List.copyOf(lesions);
        firedRules = List.copyOf(firedRules);
        Objects.requireNonNull(disclaimer, "disclaimer");
    }

    /** Shortcut for {@code classification().category()}. */
    public Category category() {
        return classification.category();
    }
}
