package org.mltrules.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * JSON a caller writes at a generator's position: the fields it appends to an assessment
 * ({@link AssessmentJson#write(JsonGenerator, org.mltrules.Assessment, JsonBody)}, e.g. the FHIR mapping report
 * under {@code "mapping"}), or a whole record of its own framed by an {@link AssessmentWriter}.
 */
@FunctionalInterface
public interface JsonBody {
    /** Writes at the generator's position. */
    void write(JsonGenerator g) throws IOException;
}
