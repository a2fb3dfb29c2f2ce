package org.mltrules.fhir.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.mltrules.fhir.MappingResult;
import org.mltrules.fhir.MappingResult.AsOfSource;

/**
 * Entry points of the mapping: limits, HAPI parsing, then {@link CaseBuilder}. Never lets an exception escape for
 * content; never logs.
 */
public final class BundleMapping {
    private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d{1,5}");

    private BundleMapping() {
    }

    static FhirContext context() {
        return FhirContext.forR4Cached();
    }

    /** Maps JSON text: limits, parse, map. */
    public static MappingResult mapJson(String text, Options options) {
        // A byte order mark survives when a host decodes a file by hand: it is not content.
        String json = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Limits.Violation v = Limits.check(json);
        if (v != null) {
            return failure(v.path(), v.rule(), v.message(), options);
        }
        ParseNotes notes = new ParseNotes();
        Bundle bundle;
        try {
            IParser parser = context().newJsonParser();
            parser.setParserErrorHandler(notes);
            // Keep each resource's own id: HAPI would otherwise replace it with the entry's fullUrl.
            parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
            bundle = parser.parseResource(Bundle.class, json);
        } catch (RuntimeException | StackOverflowError e) {
            // Not only DataFormatException: damaged input can make HAPI itself fail (a NullPointerException while
            // linking bundle references was seen). HAPI's message may quote the content: only its code is kept.
            Matcher m = HAPI_CODE.matcher(String.valueOf(e.getMessage()));
            return failure("Bundle", "MAP-BUNDLE-2", "not a valid FHIR R4 Bundle"
                    + (m.find() ? " (" + m.group() + ")" : ""), options);
        }
        return map(bundle, options, notes);
    }

    /** Maps a bundle the host parsed. */
    public static MappingResult mapBundle(Bundle bundle, Options options) {
        Limits.Violation v = Limits.checkEntries(bundle.getEntry().size());
        if (v != null) {
            return failure(v.path(), v.rule(), v.message(), options);
        }
        return map(bundle, options, null);
    }

    private static MappingResult map(Bundle bundle, Options options, ParseNotes notes) {
        try {
            return new CaseBuilder(bundle, options, notes).build();
        } catch (RuntimeException | StackOverflowError e) {
            // A defect of the mapper, not of the bundle; the class name only (a message could quote content).
            return failure("Bundle", "MAP-INTERNAL", "the mapper failed on this bundle ("
                    + e.getClass().getSimpleName() + "); please report it", options);
        }
    }

    static MappingResult failure(String path, String rule, String message, Options options) {
        Report r = new Report();
        r.error(path, rule, message);
        return new MappingResult(null, options.caseId(), options.asOf(),
                options.asOf() == null ? AsOfSource.NONE : AsOfSource.ARGUMENT, r.entries(List.of()));
    }
}
