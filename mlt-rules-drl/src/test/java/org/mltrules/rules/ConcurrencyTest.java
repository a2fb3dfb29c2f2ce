package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mltrules.rules.Cases.deNovo;
import static org.mltrules.rules.Cases.inducedOmdOnTargetedTherapy;
import static org.mltrules.rules.Cases.lungNodule;
import static org.mltrules.rules.Cases.metachronousLungRecurrence;
import static org.mltrules.rules.Cases.repeatOmdOnChemotherapy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mltrules.Assessment;
import org.mltrules.MltRules;
import org.mltrules.PatientCase;
import org.mltrules.Response;
import org.mltrules.SystemicTherapy;
import org.mltrules.TherapyKind;

/** One engine shared by many threads gives exactly the sequential results. */
class ConcurrencyTest {
    static final MltRules RULES = ClassificationTest.RULES;

    static List<PatientCase> mixedCases() {
        List<PatientCase.Builder> templates = List.of(
                metachronousLungRecurrence(),
                metachronousLungRecurrence().systemicTherapy(SystemicTherapy.ongoing(TherapyKind.CHEMOTHERAPY)),
                deNovo("2024-01-10", "2024-01-24"),
                repeatOmdOnChemotherapy(lungNodule("L1", Response.PROGRESSING), lungNodule("L2", Response.STABLE)),
                repeatOmdOnChemotherapy(lungNodule("L1", Response.STABLE)),
                repeatOmdOnChemotherapy(lungNodule("L1", Response.NOT_ASSESSABLE)),
                inducedOmdOnTargetedTherapy(lungNodule("L1", Response.PROGRESSING)),
                metachronousLungRecurrence().history(null, false),
                metachronousLungRecurrence().lesions(ClassificationTest.nodules(7)),
                metachronousLungRecurrence().lesions());
        List<PatientCase> cases = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            cases.add(templates.get(i % templates.size()).caseId("case-" + i).build());
        }
        return cases;
    }

    @Test
    void sharedEngineUnderEightThreadsMatchesSequentialAssessment() throws Exception {
        List<PatientCase> cases = mixedCases();
        List<Assessment> sequential = cases.stream().map(RULES::assess).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Assessment>> futures = new ArrayList<>();
            for (PatientCase c : cases) {
                futures.add(pool.submit(() -> RULES.assess(c)));
            }
            for (int i = 0; i < cases.size(); i++) {
                // Records compare by value: category, path, reasons, ranking, fired rules, everything.
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sameInputAndRuleSetAlwaysGiveTheSameOutput() {
        for (PatientCase c : mixedCases().subList(0, 20)) {
            assertThat(RULES.assess(c)).isEqualTo(RULES.assess(c));
        }
    }
}
