package org.mltrules.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.mltrules.PatientCase;

/**
 * The demo cases: a realistic sarcoma vignette for every category (all nine ESTRO/EORTC categories,
 * {@code NOT_OLIGOMETASTATIC} twice, {@code NO_DISTANT_METASTASIS}, {@code INDETERMINATE} twice), as JSON Lines
 * in the case format. They are {@code examples/cases/demo.jsonl} of the repository, copied into this jar at build
 * time (resource {@value #RESOURCE}), so that the command line ({@code mlt-rules assess --demo}), the distribution
 * and a server can offer them without the source tree.
 */
public final class DemoCases {
    /** The class-path resource holding the demo cases, as JSON Lines. */
    public static final String RESOURCE = "org/mltrules/json/demo/demo.jsonl";

    private DemoCases() {
    }

    /**
     * The demo cases as a stream of JSON Lines (UTF-8); the caller closes it.
     *
     * @throws IllegalStateException when the resource is missing (a broken build)
     */
    public static InputStream open() {
        InputStream in = DemoCases.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is missing from the mlt-rules-json jar");
        }
        return in;
    }

    /** The demo cases as JSON Lines text, one case per line, as in {@code examples/cases/demo.jsonl}. */
    public static String jsonLines() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo cases, read and validated, in file order. */
    public static List<PatientCase> cases() {
        List<PatientCase> cases = new ArrayList<>();
        try (InputStream in = open(); CaseInput input = CaseInput.open(in)) {
            while (input.hasNext()) {
                CaseRecord r = input.next();
                if (!r.isValid()) {
                    throw new IllegalStateException("demo case #" + (r.index() + 1) + " is invalid: " + r.problems());
                }
                cases.add(r.patientCase());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(cases);
    }
}
