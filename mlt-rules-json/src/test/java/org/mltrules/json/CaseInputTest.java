package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mltrules.CaseProblem;
import org.mltrules.json.CaseInput.Format;

class CaseInputTest {
    private static final String A = "{\"caseId\": \"a\", \"ecog\": 0}";
    private static final String B = "{\"caseId\": \"b\", \"lesions\": []}";
    private static final String C = "{\"caseId\": \"c\", \"history\": {\"polymetastatic\": false}}";

    private record Read(Format format, List<CaseRecord> records) {
        CaseRecord get(int i) {
            return records.get(i);
        }
    }

    private static Read read(InputStream in) throws IOException {
        try (CaseInput input = CaseInput.open(in)) {
            List<CaseRecord> out = new ArrayList<>();
            input.forEachRemaining(out::add);
            return new Read(input.format(), out);
        }
    }

    private static Read read(String text) throws IOException {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String firstMessage(CaseRecord r) {
        return r.problems().get(0).message();
    }

    @Test
    @DisplayName("a JSON array yields its cases in order, without line numbers")
    void arrayOfCases() throws IOException {
        Read r = read("\n  [" + A + ",\n" + B + ",\n" + C + "]\n");

        assertThat(r.format()).isEqualTo(Format.ARRAY);
        assertThat(r.records()).extracting(CaseRecord::index, CaseRecord::line, CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple(0L, null, "a", true), tuple(1L, null, "b", true), tuple(2L, null, "c", true));
    }

    @Test
    void emptyArrayHasNoCases() throws IOException {
        Read r = read("[]");
        assertThat(r.format()).isEqualTo(Format.ARRAY);
        assertThat(r.records()).isEmpty();
    }

    @Test
    @DisplayName("JSON Lines: one case per line, blank lines skipped but counted for line numbers")
    void jsonLinesWithBlankLines() throws IOException {
        Read r = read("\n" + A + "\n\n   \n" + B + "\r\n" + C);

        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).extracting(CaseRecord::index, CaseRecord::line, CaseRecord::caseId)
                .containsExactly(tuple(0L, 2L, "a"), tuple(1L, 5L, "b"), tuple(2L, 6L, "c"));
        assertThat(r.records()).allMatch(CaseRecord::isValid);
    }

    @Test
    @DisplayName("a single object on one line is a one-line JSON Lines file")
    void singleLineObject() throws IOException {
        Read r = read(A + "\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).singleElement().satisfies(c -> assertThat(c.patientCase().ecog()).isZero());
    }

    @Test
    @DisplayName("a pretty-printed object over many lines is one case")
    void prettyPrintedObject() throws IOException {
        Read r = read(CaseJsonTest.resource("example-case.json"));

        assertThat(r.format()).isEqualTo(Format.OBJECT);
        assertThat(r.records()).singleElement().satisfies(c -> {
            assertThat(c.index()).isZero();
            assertThat(c.line()).isNull();
            assertThat(c.patientCase()).isEqualTo(CaseJson.read(CaseJsonTest.resource("example-case.json")));
        });
    }

    @Test
    void prettyPrintedInvalidObjectIsRejectedWithEveryProblem() throws IOException {
        Read r = read("{\n  \"caseId\": \"p\",\n  \"ecog\": 9,\n  \"lesions\": [\n    {\"id\": \"L1\", \"site\": \"LUNGS\"}\n  ]\n}\n");
        assertThat(r.format()).isEqualTo(Format.OBJECT);
        assertThat(r.get(0).caseId()).isEqualTo("p");
        assertThat(r.get(0).problems()).extracting(CaseProblem::field).containsExactly("lesions[0].site", "ecog");
    }

    @Test
    @DisplayName("a JSON Lines batch whose first line was cut short: that line is refused, the 14 others are read")
    void truncatedFirstLineCostsOnlyItsLine() throws IOException {
        // Given 15 cases as JSON Lines, the first cut short in the middle of a value
        StringBuilder batch = new StringBuilder("{\"caseId\": \"first\", \"ecog\": \n");
        for (int i = 2; i <= 15; i++) {
            batch.append("{\"caseId\": \"c").append(i).append("\", \"ecog\": 1}\n");
        }

        // When it is read
        Read r = read(batch.toString());

        // Then it is JSON Lines: the first line yields its error, and every other case is read
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).hasSize(15);
        assertThat(r.get(0).isValid()).isFalse();
        assertThat(r.get(0).line()).isEqualTo(1L);
        assertThat(r.get(0).caseId()).isEqualTo("first");
        assertThat(r.records().subList(1, 15)).allMatch(CaseRecord::isValid)
                .extracting(CaseRecord::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L,
                        15L);
    }

    @Test
    @DisplayName("a first line cut inside a string, followed by more lines, is JSON Lines too")
    void firstLineCutInsideAString() throws IOException {
        Read r = read("{\"caseId\": \"fir\n" + A + "\n" + B + "\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).extracting(CaseRecord::line, CaseRecord::isValid)
                .containsExactly(tuple(1L, false), tuple(2L, true), tuple(3L, true));
    }

    @Test
    @DisplayName("a pretty-printed object with a syntax error does not parse as one value: each line is a record")
    void prettyPrintedObjectWithSyntaxErrorIsJsonLines() throws IOException {
        Read r = read("\n\n{\n  \"caseId\": \"p\",\n  \"ecog\": 0,\n}\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).extracting(CaseRecord::line).containsExactly(3L, 4L, 5L, 6L);
        assertThat(r.records()).noneMatch(CaseRecord::isValid);
    }

    @Test
    @DisplayName("two pretty-printed objects are not one value either")
    void contentAfterTheSingleObjectMakesJsonLines() throws IOException {
        Read r = read("{\n\"caseId\": \"p\"}\n{\"caseId\": \"q\"}");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).extracting(CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple(null, false), tuple(null, false), tuple("q", true));
    }

    @Test
    @DisplayName("a pretty-printed case cut short at the end of the input is not one value: each line is a record")
    void prettyPrintedCaseCutShort() throws IOException {
        Read r = read("{\n  \"caseId\": \"p\",\n  \"ecog\": 0\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).hasSize(3).noneMatch(CaseRecord::isValid);
    }

    @Test
    @DisplayName("one malformed line in a batch yields its error record; every other case is still read")
    void malformedLineDoesNotStopTheBatch() throws IOException {
        // Given a batch with syntax errors on lines 2 and 3 and an invalid case on line 4
        String input = A + "\n{\"caseId\": \"x\", \"ecog\": }\n{\"ecog\": 1,, \"caseId\": \"y\"}\n"
                + "{\"caseId\": \"bad\", \"ecog\": 1.5}\n" + B + "\n" + C + "\n";

        // When it is read
        Read r = read(input);

        // Then each line yields its record, in order, with the case id when it was read before the error
        assertThat(r.records()).extracting(CaseRecord::index, CaseRecord::line, CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple(0L, 1L, "a", true), tuple(1L, 2L, "x", false), tuple(2L, 3L, null, false),
                        tuple(3L, 4L, "bad", false), tuple(4L, 5L, "b", true), tuple(5L, 6L, "c", true));
        assertThat(firstMessage(r.get(1))).startsWith("malformed JSON").contains("column 25");
        assertThat(r.get(3).problems()).extracting(CaseProblem::field).containsExactly("ecog");
    }

    @Test
    @DisplayName("a malformed first line is still JSON Lines: the next lines are read")
    void malformedFirstLine() throws IOException {
        Read r = read("{\"caseId\": \"x\" \"ecog\": 0}\n" + A + "\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).extracting(CaseRecord::line, CaseRecord::isValid)
                .containsExactly(tuple(1L, false), tuple(2L, true));
    }

    @Test
    void twoValuesOnOneLineAreRefusedAndTheBatchGoesOn() throws IOException {
        Read r = read(A + " " + B + "\n" + C + "\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.get(0).caseId()).isEqualTo("a");
        assertThat(firstMessage(r.get(0))).contains("unexpected content after the case object");
        assertThat(r.get(1).isValid()).isTrue();
    }

    @Test
    void nonObjectLineIsRefused() throws IOException {
        Read r = read("42\n" + A);
        assertThat(r.records()).extracting(CaseRecord::isValid).containsExactly(false, true);
        assertThat(firstMessage(r.get(0))).isEqualTo("a case must be a JSON object, not a number");
    }

    @Test
    @DisplayName("invalid UTF-8 yields an error record, not an exception")
    void invalidUtf8() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(A.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("\n{\"caseId\": \"".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(B.getBytes(StandardCharsets.UTF_8));

        Read r = read(new ByteArrayInputStream(bytes.toByteArray()));

        assertThat(r.records()).extracting(CaseRecord::line, CaseRecord::isValid)
                .containsExactly(tuple(1L, true), tuple(2L, false), tuple(3L, true));
        assertThat(firstMessage(r.get(1))).startsWith("invalid character encoding (input must be UTF-8)");
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Read r = read(new GeneratedInput().bytes(bom).text("[" + A + "]"));
        assertThat(r.format()).isEqualTo(Format.ARRAY);
        assertThat(r.records()).singleElement().matches(CaseRecord::isValid);
    }

    @Test
    void emptyInputHasNoCases() throws IOException {
        Read r = read(" \n\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).isEmpty();
    }

    @Test
    @DisplayName("a line over 1 MiB is refused before parsing and the next line is read")
    void overLongLineIsRefused() throws IOException {
        // Given a 2 MiB line (a valid case, were it not so long) between two short ones
        String head = "{\"caseId\": \"huge\", \"histology\": \"";
        long filler = 2L << 20;
        GeneratedInput in = new GeneratedInput().text(A + "\n" + head).repeat('a', filler).text("\"}\n" + B + "\n");

        Read r = read(in);

        assertThat(r.records()).extracting(CaseRecord::index, CaseRecord::line, CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple(0L, 1L, "a", true), tuple(1L, 2L, null, false), tuple(2L, 3L, "b", true));
        assertThat(firstMessage(r.get(1))).isEqualTo("line too long: " + (head.length() + filler + 2)
                + " bytes, the limit is 1048576 bytes (1 MiB); the line was not read");
    }

    @Test
    void lineOfExactlyOneMebibyteIsParsed() throws IOException {
        // A line at the limit is read (and then refused for its content, not its length).
        String head = "{\"caseId\": \"edge\", \"x\": \"";
        int filler = (1 << 20) - head.length() - 2;
        Read r = read(new GeneratedInput().text(head).repeat('a', filler).text("\"}\r\n"));
        assertThat(r.records()).singleElement().satisfies(c -> {
            assertThat(c.caseId()).isEqualTo("edge");
            assertThat(c.problems()).extracting(CaseProblem::message)
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("input exceeds a limit: String value length");
        });
    }

    @Test
    @DisplayName("a 384 MiB line is skipped in constant memory (the test JVM has a 256 MiB heap)")
    void giantLineIsSkippedWithoutHoldingIt() throws IOException {
        long giant = 384L << 20;
        GeneratedInput in = new GeneratedInput().text("{\"caseId\": \"g\", \"x\": \"").repeat('a', giant)
                .text("\"}\n" + C + "\n");

        Read r = read(in);

        assertThat(r.records()).extracting(CaseRecord::line, CaseRecord::isValid)
                .containsExactly(tuple(1L, false), tuple(2L, true));
        assertThat(firstMessage(r.get(0))).startsWith("line too long");
    }

    @Test
    @DisplayName("a million-line file streams: records are produced one at a time")
    void millionLinesStream() throws IOException {
        long lines = 1_000_000;
        GeneratedInput in = new GeneratedInput().repeat("{\"caseId\": \"c\", \"ecog\": 1, \"lesions\": []}\n", lines);

        long count = 0;
        CaseRecord last = null;
        try (CaseInput input = CaseInput.open(in)) {
            while (input.hasNext()) {
                last = input.next();
                count++;
            }
        }

        assertThat(count).isEqualTo(lines);
        assertThat(last.index()).isEqualTo(lines - 1);
        assertThat(last.line()).isEqualTo(lines);
        assertThat(last.isValid()).isTrue();
    }

    @Test
    @DisplayName("a large array streams element by element")
    void largeArrayStreams() throws IOException {
        long cases = 100_000;
        GeneratedInput in = new GeneratedInput().text("[").repeat("{\"caseId\": \"c\", \"lesions\": []},\n", cases - 1)
                .text("{\"caseId\": \"last\"}]");
        try (CaseInput input = CaseInput.open(in)) {
            assertThat(input.format()).isEqualTo(Format.ARRAY);
            assertThat(input.stream().filter(CaseRecord::isValid).count()).isEqualTo(cases);
        }
    }

    @Test
    @DisplayName("a syntax error inside an array ends it after the cases before it")
    void syntaxErrorInsideArray() throws IOException {
        Read r = read("[" + A + ",\n" + B + ",\n{\"caseId\": \"x\" ]\n, " + C + "]");
        assertThat(r.records()).extracting(CaseRecord::index, CaseRecord::isValid)
                .containsExactly(tuple(0L, true), tuple(1L, true), tuple(2L, false));
        assertThat(firstMessage(r.get(2))).contains("line 3").endsWith("the rest of the array cannot be read");
    }

    @Test
    void invalidArrayElementIsRejectedAndTheArrayGoesOn() throws IOException {
        Read r = read("[" + A + ", {\"caseId\": \"q\", \"ecog\": -1}, 7, " + B + "]");
        assertThat(r.records()).extracting(CaseRecord::index, CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple(0L, "a", true), tuple(1L, "q", false), tuple(2L, null, false), tuple(3L, "b", true));
    }

    @Test
    void oversizedArrayElementIsSkippedAndTheNextIsRead() throws IOException {
        GeneratedInput in = new GeneratedInput().text("[{\"caseId\": \"big\", \"lesions\": [")
                .repeat("{\"id\": \"L\", \"site\": \"LUNG\"},", 50_000).text("{}]}, " + B + "]");
        Read r = read(in);
        assertThat(r.records()).extracting(CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple("big", false), tuple("b", true));
        assertThat(r.get(0).problems()).extracting(CaseProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("case too large"));
    }

    @Test
    @DisplayName("an array that ends on its line, followed by more lines, is not one value: JSON Lines")
    void contentAfterAOneLineArrayMakesJsonLines() throws IOException {
        Read r = read("[" + A + "]\n" + B);
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).extracting(CaseRecord::line, CaseRecord::isValid)
                .containsExactly(tuple(1L, false), tuple(2L, true));
        assertThat(firstMessage(r.get(0))).isEqualTo("a case must be a JSON object, not an array");
    }

    @Test
    @DisplayName("content after a pretty-printed array is reported: a streamed array cannot become JSON Lines")
    void contentAfterAPrettyPrintedArrayIsReported() throws IOException {
        Read r = read("[\n" + A + "\n]\n" + B);
        assertThat(r.format()).isEqualTo(Format.ARRAY);
        assertThat(r.records()).extracting(CaseRecord::index, CaseRecord::isValid)
                .containsExactly(tuple(0L, true), tuple(1L, false));
        assertThat(firstMessage(r.get(1))).startsWith("unexpected content after the array of cases (line 4");
    }

    @Test
    @DisplayName("hostile nesting and numbers fail fast with the limit named")
    void parserLimits() throws IOException {
        Read r = read("{\"caseId\": \"n\", \"x\": " + "[".repeat(1000) + "\n"
                + "{\"caseId\": \"m\", \"inr\": 1" + "0".repeat(5000) + "}\n" + A + "\n");
        assertThat(r.format()).isEqualTo(Format.JSON_LINES);
        assertThat(r.records()).extracting(CaseRecord::isValid).containsExactly(false, false, true);
        assertThat(firstMessage(r.get(0))).startsWith("input exceeds a limit: Document nesting depth");
        assertThat(firstMessage(r.get(1))).startsWith("input exceeds a limit: Number value length");
    }

    @Test
    void hugeStringFailsFast() throws IOException {
        Read r = read(new GeneratedInput().text("{\"caseId\": \"").repeat('s', 500_000).text("\"}\n" + A));
        assertThat(r.records()).extracting(CaseRecord::isValid).containsExactly(false, true);
        assertThat(firstMessage(r.get(0))).startsWith("input exceeds a limit: String value length");
    }
}
