/**
 * The JSON case and assessment formats, version 1 (docs/case-format.md), over Jackson's streaming API.
 *
 * <ul>
 *   <li>{@link org.mltrules.json.CaseJson}: one case from JSON text or a host's JSON tree, strictly: every
 *       problem of an invalid case at once, with its input path ({@code lesions[2].sizeMm}).</li>
 *   <li>{@link org.mltrules.json.CaseInput}: a batch from a file or standard input (array, JSON Lines or one
 *       object, detected), streamed in constant memory, one {@link org.mltrules.json.CaseRecord} per case.</li>
 *   <li>{@link org.mltrules.json.AssessmentJson} and {@link org.mltrules.json.AssessmentWriter}: assessments and
 *       the error records of rejected or failed cases, as text or streamed (JSON Lines, array, single object).</li>
 * </ul>
 *
 * <p>Absent or {@code null} facts are unknown, never false, and never an error. All classes are stateless or
 * single-use; a shared, pre-configured Jackson factory serves every call.
 */
package org.mltrules.json;
