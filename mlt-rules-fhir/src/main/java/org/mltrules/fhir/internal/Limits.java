package org.mltrules.fhir.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.mltrules.fhir.FhirCaseMapper;

/**
 * The bundle limits, checked on the raw JSON with a streaming pass before HAPI builds any object: size, nesting
 * depth, entry count, and that the document is one JSON object whose {@code resourceType} is {@code Bundle}. The
 * pass only counts; it does not read FHIR content.
 */
final class Limits {
    /** Jackson itself stops a little deeper than our limit, so a hostile document never reaches 1,000 levels. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(FhirCaseMapper.MAX_DEPTH + 1)
                    .maxStringLength(FhirCaseMapper.MAX_BUNDLE_BYTES)
                    .build())
            .build();

    private Limits() {
    }

    /** A broken limit: the FHIR path it concerns and why. */
    record Violation(String path, String rule, String message) { }

    /** Null when the text is within the limits and is a JSON object of resourceType Bundle. */
    static Violation check(String json) {
        if (json.length() > FhirCaseMapper.MAX_BUNDLE_BYTES || utf8Length(json) > FhirCaseMapper.MAX_BUNDLE_BYTES) {
            return new Violation("Bundle", "MAP-LIMIT-1", "the bundle is larger than "
                    + FhirCaseMapper.MAX_BUNDLE_BYTES + " bytes (10 MiB)");
        }
        String resourceType = null;
        long entries = 0;
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Violation("", "MAP-BUNDLE-1", "no JSON value: the input is empty");
            }
            if (t != JsonToken.START_OBJECT) {
                return new Violation("", "MAP-BUNDLE-1", "not a FHIR Bundle: the input is not a JSON object");
            }
            int depth = 1;
            boolean inEntry = false;
            int entryDepth = -1;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        if (depth == 1 && t == JsonToken.START_ARRAY && "entry".equals(p.currentName())) {
                            inEntry = true;
                            entryDepth = depth + 1;
                        } else if (inEntry && depth == entryDepth) {
                            entries++;
                            if (entries > FhirCaseMapper.MAX_ENTRIES) {
                                return new Violation("Bundle.entry", "MAP-LIMIT-2", "the bundle has more than "
                                        + FhirCaseMapper.MAX_ENTRIES + " entries");
                            }
                        }
                        depth++;
                        if (depth > FhirCaseMapper.MAX_DEPTH) {
                            return new Violation("Bundle", "MAP-LIMIT-3", "the bundle nests deeper than "
                                    + FhirCaseMapper.MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        if (inEntry && depth == 1) {
                            inEntry = false;
                        }
                    }
                    case VALUE_STRING -> {
                        if (depth == 1 && "resourceType".equals(p.currentName())) {
                            resourceType = p.getText();
                        }
                    }
                    default -> {
                        if (depth == 1 && "resourceType".equals(p.currentName()) && t.isScalarValue()) {
                            resourceType = "";
                        }
                    }
                }
                if (depth == 0) {
                    break;
                }
            }
            if (p.nextToken() != null) {
                return new Violation("", "MAP-BUNDLE-1", "unexpected content after the bundle object");
            }
        } catch (JsonProcessingException e) {
            if (e.getMessage() != null && e.getMessage().contains("nesting depth")) {
                return new Violation("Bundle", "MAP-LIMIT-3", "the bundle nests deeper than "
                        + FhirCaseMapper.MAX_DEPTH + " levels");
            }
            // The location, never the parser's message: it may quote the content.
            return new Violation("", "MAP-BUNDLE-1", "not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (resourceType == null) {
            return new Violation("resourceType", "MAP-BUNDLE-1", "not a FHIR resource: no resourceType");
        }
        if (!"Bundle".equals(resourceType)) {
            return new Violation("resourceType", "MAP-BUNDLE-1", "not a FHIR Bundle: resourceType is "
                    + (resourceType.matches("[A-Za-z]{1,64}") ? resourceType : "not a resource type name"));
        }
        return null;
    }

    /** Entry count of a parsed bundle, for bundles the host parsed. */
    static Violation checkEntries(int entries) {
        if (entries > FhirCaseMapper.MAX_ENTRIES) {
            return new Violation("Bundle.entry", "MAP-LIMIT-2", "the bundle has more than "
                    + FhirCaseMapper.MAX_ENTRIES + " entries");
        }
        return null;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
