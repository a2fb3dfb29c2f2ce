package org.mltrules.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/** Test material from src/test/resources (see its README). */
final class Fixtures {
    private Fixtures() {
    }

    static final String V02 = "bundles/lms-oligorecurrence-v02.json";
    static final String V11 = "bundles/gist-induced-oligoprogression-v11.json";

    static String text(String path) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IParser parser() {
        IParser p = FhirContext.forR4Cached().newJsonParser();
        p.setOverrideResourceIdWithBundleEntryFullUrl(false);
        return p;
    }

    static Bundle bundle(String path) {
        return parser().parseResource(Bundle.class, text(path));
    }

    /** An mCODE example resource by file name (without the folder). */
    static Resource example(String file) {
        return (Resource) parser().parseResource(text("mcode-4.0.0/" + file));
    }

    static String json(Bundle b) {
        return parser().encodeResourceToString(b);
    }

    /** A collection bundle of the given resources, each with a fullUrl of Type/id. */
    static Bundle collection(String id, String timestamp, Resource... resources) {
        Bundle b = new Bundle();
        b.setId(id);
        b.setType(Bundle.BundleType.COLLECTION);
        if (timestamp != null) {
            b.getTimestampElement().setValueAsString(timestamp);
        }
        for (Resource r : resources) {
            b.addEntry().setFullUrl("http://example.org/fhir/" + r.fhirType() + "/" + r.getIdElement().getIdPart())
                    .setResource(r);
        }
        return b;
    }
}
