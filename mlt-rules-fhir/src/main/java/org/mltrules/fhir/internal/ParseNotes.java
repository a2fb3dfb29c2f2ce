package org.mltrules.fhir.internal;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HAPI's parser problems, counted for the report instead of logged. HAPI's own lenient handler logs each problem
 * at WARN with the offending value, which is case content: this one keeps element names only and never logs.
 */
final class ParseNotes implements IParserErrorHandler {
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    private void note(String kind, IParseLocation where, String element) {
        String at = where == null ? null : where.getParentElementName();
        String key = kind + (element == null ? "" : " '" + safe(element) + "'") + (at == null ? "" : " in " + safe(at));
        counts.merge(key, 1, Integer::sum);
    }

    private static String safe(String s) {
        return s.matches("[A-Za-z0-9_.\\[\\]-]{1,80}") ? s : "(unnamed)";
    }

    Map<String, Integer> counts() {
        return counts;
    }

    @Override
    public void containedResourceWithNoId(IParseLocation l) {
        note("contained resource without id", l, null);
    }

    @Override
    public void incorrectJsonType(IParseLocation l, String element, BaseJsonLikeValue.ValueType expected,
                                  BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                  BaseJsonLikeValue.ScalarType foundScalar) {
        note("wrong JSON type for", l, element);
    }

    @Override
    public void invalidValue(IParseLocation l, String value, String error) {
        note("invalid value", l, null);
    }

    @Override
    public void missingRequiredElement(IParseLocation l, String element) {
        note("missing required element", l, element);
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation l, String element) {
        note("unexpected repeating element", l, element);
    }

    @Override
    public void unknownAttribute(IParseLocation l, String name) {
        note("unknown attribute", l, name);
    }

    @Override
    public void unknownElement(IParseLocation l, String name) {
        note("unknown element", l, name);
    }

    @Override
    public void unknownReference(IParseLocation l, String reference) {
        note("unresolved reference", l, null);
    }

    @Override
    public void invalidInternalReference(IParseLocation l, String reference) {
        note("invalid internal reference", l, null);
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation l) {
        note("extension with both a value and nested extensions", l, null);
    }
}
