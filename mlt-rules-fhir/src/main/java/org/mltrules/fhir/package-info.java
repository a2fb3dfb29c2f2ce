/**
 * HL7 FHIR R4 input: one mCODE STU4 (4.0.0) Bundle in, one mlt-rules case and a mapping report out.
 *
 * <p>An EHR developer's five lines:
 * <pre>{@code
 * FhirCaseMapper mapper = FhirCaseMapper.builder().build();               // once, shared by all threads
 * MappingResult result = mapper.map(bundleJson);                          // String or org.hl7.fhir.r4.model.Bundle
 * PatientCase c = result.patientCase().orElseThrow(() -> new IllegalStateException(result.errors().toString()));
 * Assessment a = MltRules.bundled().assess(c);                            // the same assessment as for a JSON case
 * List<String> toRecord = result.factsToRecord();                         // what the chart should say next time
 * }</pre>
 *
 * <ul>
 *   <li>{@link org.mltrules.fhir.FhirCaseMapper}: the builder with the named options (defaults are the strict
 *       ones: absence is never a negative), {@code asOf} and {@code caseId}; immutable and thread-safe.</li>
 *   <li>{@link org.mltrules.fhir.MappingResult}: the case, or none and the errors (FHIR paths such as
 *       {@code Bundle.entry[3].resource.subject}); the report; the as-of date and where it came from.</li>
 *   <li>{@link org.mltrules.fhir.MappingEntry}: one report line: severity, status (SET, UNKNOWN, NOT_APPLICABLE,
 *       NOTE, ERROR), case field or FHIR path, source resource ({@code Condition/abc}), rule id, message.</li>
 *   <li>{@link org.mltrules.fhir.MappingJson}: the report and {@code {"case": ..., "mapping": [...]}} as JSON.</li>
 * </ul>
 *
 * <p>What is read from where, the codes, the options and the limits: {@code docs/fhir-mapping.md}. The report
 * never names the patient or holds the patient's identifiers; this module logs nothing (HAPI itself logs one
 * INFO line, without data, when its FHIR context is first created).
 */
package org.mltrules.fhir;
