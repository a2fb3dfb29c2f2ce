package org.mltrules.server.internal;

/** The FHIR mapping the server uses by default. */
public final class FhirMappers {
    private FhirMappers() {
    }

    /**
     * The mlt-rules-fhir mapper. Until that module is part of the build, a Bundle is answered 415 (the server
     * cannot read that media) while cases in the case format are served as usual.
     */
    public static BundleMapper standard() {
        return (json, caseId, asOf) -> {
            throw new HttpError(415, "not-supported", "FHIR Bundles cannot be read by this build");
        };
    }
}
