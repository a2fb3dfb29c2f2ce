package org.mltrules.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.InvalidCaseException;
import org.mltrules.MltRules;
import org.mltrules.RuleFailureException;
import org.mltrules.RuleSetHandle;
import org.mltrules.json.CaseJson;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * No patient data in logs above DEBUG: while rules load and a batch runs (valid cases, rejected cases, rule
 * failures), everything logged at INFO and above through SLF4J (the library's and Drools' loggers, captured by
 * {@link CapturingLogProvider}), through java.util.logging, and everything printed on standard output and error,
 * is searched for the cases' distinctive values.
 */
class NoPatientDataInLogsTest {
    /** Values that occur in the cases below and nowhere else. */
    private static final List<String> PATIENT_DATA = List.of("PATIENT-ZZ-93841", "PATIENT-ZZ-REJECTED",
            "PATIENT-ZZ-MALFORMED", "PATIENT-ZZ-TOKEN", "PATIENT-ZZ-FAILING", "PATIENT-ZZ-CONDITION", "LESION-QX-5521",
            "LESION-QX-5522", "LESION-QX-5523", "1931-07-19", "1933-02-28", "1929-12-31", "1934-11-30", "77.77",
            "123.45", "66.66", "41.25");

    private static final String ASSESSED = """
            {"caseId": "PATIENT-ZZ-93841", "histology": "8890/3", "primaryDiagnosisDate": "1931-07-19", \
            "omdDiagnosisDate": "1933-02-28", "history": {"polymetastatic": false, "oligometastatic": false}, \
            "systemicTherapy": {"status": "STOPPED", "lastDoseDate": "1932-12-31", "kind": "CHEMOTHERAPY"}, \
            "ecog": 1, "plateletsPerNanolitre": 123.45, "inr": 1.11, "tumourDoublingTimeDays": 41.25, \
            "lifeExpectancyMonths": 66.66, "lesions": [{"id": "LESION-QX-5521", "site": "LUNG", "laterality": "LEFT", \
            "sizeMm": 77.77, "response": "NEW", "safelyTreatable": true, "resectableR0": true}, \
            {"id": "LESION-QX-5522", "site": "LIVER", "sizeMm": 12.5, "response": "STABLE", "safelyTreatable": true}]}""";
    private static final String REJECTED = """
            {"caseId": "PATIENT-ZZ-REJECTED", "primaryDiagnosisDate": "1934-11-30", "omdDiagnosisDate": "1929-12-31", \
            "ecog": 9, "lesions": [{"id": "LESION-QX-5523", "site": "LUNGS", "sizeMm": -77.77}]}""";
    private static final String MALFORMED = "{\"caseId\": \"PATIENT-ZZ-MALFORMED\", \"ecog\": PATIENT-ZZ-TOKEN}";
    private static final String FAILS_IN_ACTION = ASSESSED.replace("PATIENT-ZZ-93841", "PATIENT-ZZ-FAILING")
            .replace("\"ecog\": 1", "\"ecog\": 1, \"priorLungResections\": 77");
    private static final String FAILS_IN_CONDITION = ASSESSED.replace("PATIENT-ZZ-93841", "PATIENT-ZZ-CONDITION")
            .replace("\"ecog\": 1", "\"ecog\": 1, \"priorLungResections\": 78");
    private static final String BATCH = String.join("\n", ASSESSED, REJECTED, MALFORMED, FAILS_IN_ACTION,
            FAILS_IN_CONDITION) + "\n";

    /** Everything logged or printed while {@code work} runs. */
    private record Captured(List<CapturingLogProvider.Event> slf4j, List<String> jul, String out, String err) {
        List<String> texts() {
            List<String> all = new ArrayList<>();
            slf4j.forEach(e -> all.add(e.text()));
            all.addAll(jul);
            all.add(out);
            all.add(err);
            return all;
        }
    }

    private static Captured capture(Runnable work) {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        List<String> jul = new ArrayList<>();
        SimpleFormatter format = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
                    synchronized (jul) {
                        jul.add(format.format(r));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outCopy = new ByteArrayOutputStream();
        ByteArrayOutputStream errCopy = new ByteArrayOutputStream();
        root.addHandler(handler);
        System.setOut(tee(out, outCopy));
        System.setErr(tee(err, errCopy));
        CapturingLogProvider.start();
        List<CapturingLogProvider.Event> events;
        try {
            work.run();
        } finally {
            events = CapturingLogProvider.stop();
            System.setOut(out);
            System.setErr(err);
            root.removeHandler(handler);
        }
        return new Captured(events, List.copyOf(jul), outCopy.toString(StandardCharsets.UTF_8),
                errCopy.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream tee(PrintStream original, ByteArrayOutputStream copy) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                copy.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** The patient values found in any captured text. */
    private static List<String> leaks(Captured c) {
        return PATIENT_DATA.stream().filter(v -> c.texts().stream().anyMatch(t -> t.contains(v))).toList();
    }

    @Test
    @DisplayName("loading rules and assessing a batch with rejected cases and rule failures logs no case content")
    void aBatchLogsNoPatientData() {
        // Given the rule folder with failing rules, compiled beforehand (its loading is logged like the bundled one)
        MltRules failing = FailingRuleSet.engine();
        List<String> outputs = new ArrayList<>();

        // When the bundled rules load, the batch runs through both engines, and a handle swaps rule sets
        Captured captured = capture(() -> {
            MltRules bundled = MltRules.bundled();
            outputs.add(Batch.run(bundled, BATCH));
            outputs.add(Batch.run(failing, BATCH));
            RuleSetHandle handle = new RuleSetHandle(bundled);
            handle.reload(() -> failing);
            outputs.add(Batch.run(handle.current(), BATCH));
        });

        // Then logging did happen at INFO (the capture works) ...
        assertThat(captured.slf4j()).anySatisfy(e -> {
            assertThat(e.level()).isEqualTo(Level.INFO);
            assertThat(e.message()).startsWith("rule set mlt-rules-bundled");
        });
        assertThat(captured.slf4j()).anySatisfy(e -> assertThat(e.message()).contains("now serves"));
        // ... the cases went through: the output holds their ids, the rejections and both rule failures ...
        assertThat(outputs.get(1)).contains("\"caseId\":\"PATIENT-ZZ-93841\"", "\"lesionId\":\"LESION-QX-5521\"",
                "\"caseId\":\"PATIENT-ZZ-REJECTED\"", "\"caseId\":\"PATIENT-ZZ-MALFORMED\"",
                "\"rule\":\"" + FailingRuleSet.ACTION_FAILS + "\"", "\"rule\":\"" + FailingRuleSet.CONDITION_FAILS + "\"");
        // ... and no captured log line or printed text holds any of their values
        assertThat(leaks(captured)).as("patient data in the logs:%n%s", String.join("\n", captured.texts()))
                .isEmpty();
    }

    @Test
    @DisplayName("the capture does see a leak: in a message, in a cause's message, in java.util.logging, on stderr")
    void theCaptureSeesALeak() {
        Captured captured = capture(() -> {
            LoggerFactory.getLogger("host").info("assessed {}", "PATIENT-ZZ-93841");
            LoggerFactory.getLogger("host").warn("failed", new RuntimeException("wrapper",
                    new IllegalStateException("diagnosed 1931-07-19")));
            java.util.logging.Logger.getLogger("host.jul").warning("lesion LESION-QX-5521");
            System.err.println("size 77.77");
            // DEBUG is below the threshold: allowed to hold case content, and not captured
            LoggerFactory.getLogger("host").debug("case PATIENT-ZZ-REJECTED");
        });
        assertThat(leaks(captured)).containsExactly("PATIENT-ZZ-93841", "LESION-QX-5521", "1931-07-19", "77.77");
    }

    @Test
    @DisplayName("a host that logs what the library throws logs no case content")
    void exceptionsAHostWouldLogHoldNoPatientData() {
        MltRules failing = FailingRuleSet.engine();
        InvalidCaseException rejected = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(REJECTED));
        InvalidCaseException malformed = catchThrowableOfType(InvalidCaseException.class,
                () -> CaseJson.read(MALFORMED));
        RuleFailureException action = catchThrowableOfType(RuleFailureException.class,
                () -> failing.assess(CaseJson.read(FAILS_IN_ACTION)));
        RuleFailureException condition = catchThrowableOfType(RuleFailureException.class,
                () -> failing.assess(CaseJson.read(FAILS_IN_CONDITION)));

        Captured captured = capture(() -> {
            // What a host typically writes: the exception's message, or the exception itself without its cause
            LoggerFactory.getLogger("host").warn("case rejected: {}", rejected.getMessage());
            LoggerFactory.getLogger("host").warn("case rejected: {}", malformed.toString());
            LoggerFactory.getLogger("host").error("case failed: {} ({})", action.getMessage(), action.rule());
            LoggerFactory.getLogger("host").error("case failed: {}", condition.toString());
            LoggerFactory.getLogger("host").warn("problems: {}", rejected.problems());
        });

        assertThat(rejected.problems()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(leaks(captured)).as(String.join("\n", captured.texts())).isEmpty();
        // The cause keeps the rule's own message for debugging (log it at DEBUG only)
        assertThat(action.getCause()).hasMessageContaining("1931-07-19");
    }
}
