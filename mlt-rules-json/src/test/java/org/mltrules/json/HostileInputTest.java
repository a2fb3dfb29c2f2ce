package org.mltrules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mltrules.CaseProblem;
import org.mltrules.InvalidCaseException;
import org.mltrules.PatientCase;
import org.mltrules.json.CaseInput.Format;

/**
 * Hostile input, data-driven: each sample of the corpus (small ones in {@code src/test/resources/hostile/}, listed
 * with their expected refusal in {@code corpus.tsv}; large ones generated here, never held on disk) is fed through
 * every way in: as one line of a JSON Lines batch, as the whole input, as an element of an array batch, and as a
 * String to {@link CaseJson#read(String)}. Each time it must be refused with a clear one-line message naming the
 * field where that is meaningful, the rest of the batch must still be read, the error record must be writable as
 * strict JSON, and no exception may escape. Surefire runs this module with a 256 MiB heap, so the large samples
 * also show that memory stays bounded.
 */
class HostileInputTest {
    private static final String BEFORE = "{\"caseId\": \"before\", \"ecog\": 0}";
    private static final String AFTER = "{\"caseId\": \"after\", \"lesions\": []}";
    private static final int MEBIBYTE = 1 << 20;
    private static final ObjectMapper STRICT = new ObjectMapper();

    /**
     * How a sample must be refused.
     *
     * @param field        the problem's input path ({@code ""}: the whole case; ending in {@code *}: a prefix)
     * @param message      a fragment of the problem's message
     * @param stopsParsing a syntax error or broken parser limit: nothing after it in an array can be read
     */
    record Refusal(String field, String message, boolean stopsParsing) {
    }

    /**
     * One hostile case document, on one line.
     *
     * @param overLineLimit longer than a JSON Lines line may be (1 MiB)
     * @param refusal       how the document is refused; {@code null} when the document itself is valid
     */
    record Sample(String name, Supplier<InputStream> input, boolean overLineLimit, Refusal refusal) {
        @Override
        public String toString() {
            return name;
        }

        byte[] bytes() {
            try (InputStream in = input.get()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean startsWith(char c) {
            try (InputStream in = input.get()) {
                return in.read() == c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Stream<Sample> corpus() throws IOException {
        List<Sample> samples = new ArrayList<>(files());
        samples.addAll(generated());
        return samples.stream();
    }

    /** The small samples: files listed in {@code hostile/corpus.tsv}. */
    private static List<Sample> files() throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                HostileInputTest.class.getResourceAsStream("/hostile/corpus.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String name = f[0];
                byte[] bytes;
                try (InputStream in = HostileInputTest.class.getResourceAsStream("/hostile/" + name)) {
                    assertThat(in).as("corpus file %s", name).isNotNull();
                    bytes = in.readAllBytes();
                }
                samples.add(new Sample(name, () -> new ByteArrayInputStream(bytes), bytes.length > MEBIBYTE,
                        new Refusal(f[1], f[2], f[3].equals("stops"))));
            }
        }
        return samples;
    }

    /** The large samples, made on the fly. */
    private static List<Sample> generated() {
        long tenMegabytes = 10L * MEBIBYTE;
        return List.of(
                new Sample("10,000 levels of nesting", () -> new GeneratedInput()
                        .text("{\"caseId\": \"deep\", \"x\": ").repeat('[', 10_000).repeat(']', 10_000).text("}"),
                        // The limit counts a batch array's level too: the path is one level shorter there.
                        false, new Refusal("x" + "[0]".repeat(30) + "*",
                        "input exceeds a limit: Document nesting depth (33) exceeds the maximum allowed (32)", true)),
                new Sample("a 10 MB string value", () -> new GeneratedInput()
                        .text("{\"caseId\": \"long\", \"histology\": \"").repeat('a', tenMegabytes).text("\"}"),
                        true, new Refusal("histology", "input exceeds a limit: String value length", true)),
                new Sample("a 10 MB key", () -> new GeneratedInput()
                        .text("{\"caseId\": \"long\", \"").repeat('k', tenMegabytes).text("\": 1}"),
                        true, new Refusal("", "input exceeds a limit: Name length|input exceeds a limit: String value length",
                        true)),
                new Sample("a valid case padded to a 10 MB line", () -> new GeneratedInput()
                        .text("{\"caseId\": \"padded\",").repeat(' ', tenMegabytes).text("\"ecog\": 0}"),
                        true, null),
                new Sample("a lesions array of 1,000,000 elements", () -> new GeneratedInput()
                        .text("{\"caseId\": \"many\", \"lesions\": [")
                        .numbered(i -> (i == 0 ? "" : ",") + "{\"id\":\"L" + i + "\",\"site\":\"LUNG\"}", 1_000_000)
                        .text("]}"),
                        true, new Refusal("", "case too large: more than 20000 JSON values", false)),
                new Sample("an object with 1,000,000 keys", () -> new GeneratedInput()
                        .text("{\"caseId\": \"keys\"").numbered(i -> ",\"k" + i + "\":1", 1_000_000).text("}"),
                        true, new Refusal("", "case too large: more than 20000 JSON values", false)),
                new Sample("101 lesions", () -> new GeneratedInput()
                        .text("{\"caseId\": \"t\", \"lesions\": [")
                        .numbered(i -> (i == 0 ? "" : ", ") + "{\"id\": \"L" + i + "\", \"site\": \"LUNG\"}", 101)
                        .text("]}"),
                        false, new Refusal("lesions", "at most 100 lesions per case", false)));
    }

    /** The samples a Java String can hold (a host that already decoded its input). */
    static Stream<Sample> decodableCorpus() throws IOException {
        return corpus().filter(s -> isUtf8(s.bytes()));
    }

    /** Strict UTF-8 (no surrogate code points), checked through a small buffer: samples are up to 40 MB. */
    private static boolean isUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                return false;
            }
            out.clear();
            if (r.isUnderflow()) {
                return decoder.flush(out).isUnderflow();
            }
        }
    }

    private static List<CaseRecord> readAll(InputStream in) throws IOException {
        try (CaseInput input = CaseInput.open(in)) {
            List<CaseRecord> out = new ArrayList<>();
            input.forEachRemaining(out::add);
            return out;
        }
    }

    /** The refusal a JSON Lines line gets: its own, or "line too long" before it is parsed. */
    private static Refusal asLine(Sample s) {
        return s.overLineLimit() ? new Refusal("", "line too long", false) : s.refusal();
    }

    // ---- the four ways in

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("as a line of a JSON Lines batch: refused on its own, the lines around it are read")
    void asALineOfABatch(Sample s) throws IOException {
        // Given a batch with the hostile sample between two valid cases
        GeneratedInput in = new GeneratedInput().text(BEFORE + "\n").bytes(s.bytes()).text("\n" + AFTER + "\n");

        // When it is read
        List<CaseRecord> records = readAll(in);

        // Then each line yields its record, and only the hostile one is refused
        assertThat(records).extracting(CaseRecord::index, CaseRecord::line)
                .containsExactly(tuple(0L, 1L), tuple(1L, 2L), tuple(2L, 3L));
        assertThat(records.get(0).isValid()).isTrue();
        assertOutcome(records.get(1), asLine(s));
        assertThat(records.get(2).isValid()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("as the whole input: one record, refused")
    void asTheWholeInput(Sample s) throws IOException {
        List<CaseRecord> records;
        Format format;
        try (CaseInput input = CaseInput.open(s.input().get())) {
            format = input.format();
            records = new ArrayList<>();
            input.forEachRemaining(records::add);
        }
        if (s.startsWith('[')) {
            // An input starting with '[' is an array of cases: the empty array holds none.
            assertThat(format).isEqualTo(Format.ARRAY);
            assertThat(records).isEmpty();
            return;
        }
        assertThat(records).singleElement().satisfies(r -> assertOutcome(r, asLine(s)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    @DisplayName("as an element of an array batch: refused; after a syntax error the array ends, otherwise it goes on")
    void asAnArrayElement(Sample s) throws IOException {
        // Given an array with a valid case, the hostile sample and (unless the sample breaks the syntax) another
        boolean stops = s.refusal() != null && s.refusal().stopsParsing();
        GeneratedInput in = new GeneratedInput().text("[" + BEFORE + ",\n").bytes(s.bytes())
                .text(stops ? "" : ",\n" + AFTER + "]");

        // When it is read
        List<CaseRecord> records = readAll(in);

        // Then the hostile element is refused in place; the array is read on when it still can be
        assertThat(records).hasSize(stops ? 2 : 3);
        assertThat(records.get(0).isValid()).isTrue();
        assertOutcome(records.get(1), s.refusal());
        if (stops) {
            assertThat(records.get(1).problems()).extracting(CaseProblem::message)
                    .anySatisfy(m -> assertThat(m).endsWith("the rest of the array cannot be read"));
        } else {
            assertThat(records.get(2).isValid()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodableCorpus")
    @DisplayName("as a String given to CaseJson.read: an InvalidCaseException, nothing else")
    void asAString(Sample s) {
        String json = new String(s.bytes(), StandardCharsets.UTF_8);
        if (s.refusal() == null) {
            assertThat(CaseJson.read(json)).isNotNull();
            return;
        }
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(json));
        assertThat(e).as("refused with InvalidCaseException").isNotNull();
        assertThat(e.problems()).anySatisfy(p -> matches(p, s.refusal()));
        assertThat(e.problems()).allSatisfy(HostileInputTest::assertClear);
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("PATIENT");
    }

    // ---- assertions shared by the ways in

    private static void assertOutcome(CaseRecord r, Refusal expected) {
        if (expected == null) {
            assertThat(r.isValid()).as("valid: %s", r.problems()).isTrue();
            return;
        }
        assertThat(r.isValid()).isFalse();
        assertThat(r.problems()).anySatisfy(p -> matches(p, expected));
        assertThat(r.problems()).allSatisfy(HostileInputTest::assertClear);
        assertWritableAsStrictJson(r);
    }

    private static void matches(CaseProblem p, Refusal expected) {
        if (expected.field().endsWith("*")) {
            assertThat(p.field()).startsWith(expected.field().substring(0, expected.field().length() - 1));
        } else {
            assertThat(p.field()).isEqualTo(expected.field());
        }
        assertThat(p.message()).containsAnyOf(expected.message().split("\\|"));
    }

    /** One line for a person: no stack trace, no parser internals, no programmer advice, no long input echoed. */
    private static void assertClear(CaseProblem p) {
        assertThat(p.message()).isNotBlank().hasSizeLessThanOrEqualTo(400)
                .doesNotContain("\n", "\r", "\tat ", "Exception", "com.fasterxml", "StreamReadConstraints",
                        "REDACTED", "PATIENT");
        assertThat(p.field()).hasSizeLessThanOrEqualTo(JsonConfig.MAX_PATH_CHARS);
        if (p.value() instanceof String v) {
            assertThat(v).hasSizeLessThanOrEqualTo(JsonConfig.MAX_VALUE_CHARS);
        }
    }

    /** The error record is valid UTF-8 JSON with well-formed strings, and says what the record says. */
    private static void assertWritableAsStrictJson(CaseRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AssessmentWriter w = AssessmentWriter.jsonLines(out)) {
            w.write(r.rejection());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(isUtf8(out.toByteArray())).as("the error record is UTF-8").isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = STRICT.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("output is not JSON: " + text, e);
        }
        assertThat(tree.get("errors")).hasSize(r.problems().size());
        List<String> strings = new ArrayList<>();
        collectStrings(tree, strings);
        assertThat(strings).noneMatch(s -> s.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF));
    }

    private static void collectStrings(JsonNode n, List<String> out) {
        if (n.isTextual()) {
            out.add(n.textValue());
        }
        n.properties().forEach(e -> {
            out.add(e.getKey());
            collectStrings(e.getValue(), out);
        });
        if (n.isArray()) {
            n.forEach(c -> collectStrings(c, out));
        }
    }

    // ---- hostile inputs that need more than one document

    @Test
    @DisplayName("the hostile corpus runs with a small heap, so that its large samples prove bounded memory")
    void heapIsSmall() {
        assertThat(Runtime.getRuntime().maxMemory()).as("surefire's -Xmx256m for mlt-rules-json")
                .isLessThanOrEqualTo(256L * MEBIBYTE);
    }

    @Test
    @DisplayName("an unrecognised token is not quoted back: a message carries no case content")
    void unrecognisedTokenIsNotQuoted() {
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class,
                () -> CaseJson.read("{\"caseId\": \"t\", \"histology\": LEIOMYOSARCOMA_OF_PATIENT_1931}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("histology");
            assertThat(p.message()).startsWith("malformed JSON: Unrecognized token: was expecting")
                    .contains("(line 1, column ").doesNotContain("LEIOMYOSARCOMA", "1931");
        });
        assertThat(e.getMessage()).doesNotContain("LEIOMYOSARCOMA", "1931");
    }

    @Test
    @DisplayName("an array case of 384 MiB of strings is refused without keeping them (the heap is 256 MiB)")
    void arrayCaseWithHugeTextIsRefusedInBoundedMemory() throws IOException {
        // Given an array whose first case holds 6,144 distinct keys of 64,000-character strings, then a valid case
        String filler = "s".repeat(64_000);
        GeneratedInput in = new GeneratedInput().text("[{\"caseId\": \"text\"")
                .numbered(i -> ", \"k" + i + "\": \"" + filler + "\"", 6_144).text("}, " + AFTER + "]");

        // When the batch is read
        List<CaseRecord> records = readAll(in);

        // Then the huge case is refused for its size, and the next case is read
        assertThat(records).extracting(CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple("text", false), tuple("after", true));
        assertThat(records.get(0).problems()).extracting(CaseProblem::message).anySatisfy(m -> assertThat(m)
                .isEqualTo("case too large: more than 1048576 characters of keys and strings "
                        + "(a valid case has at most 100 lesions)"));
    }

    @Test
    @DisplayName("a pretty-printed single case of a million lesions is refused, not held")
    void prettyPrintedHugeObjectIsRefused() throws IOException {
        GeneratedInput in = new GeneratedInput().text("{\n  \"caseId\": \"pretty\",\n  \"lesions\": [\n")
                .numbered(i -> (i == 0 ? "" : ",\n") + "    {\"id\": \"L" + i + "\", \"site\": \"LUNG\"}", 1_000_000)
                .text("\n  ]\n}\n");
        try (CaseInput input = CaseInput.open(in)) {
            assertThat(input.format()).isEqualTo(Format.OBJECT);
            List<CaseRecord> records = new ArrayList<>();
            input.forEachRemaining(records::add);
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.caseId()).isEqualTo("pretty");
                assertThat(r.problems()).extracting(CaseProblem::message)
                        .anySatisfy(m -> assertThat(m).startsWith("case too large"));
            });
        }
    }

    @Test
    @DisplayName("a byte order mark starts a JSON Lines file, a pretty-printed file or a String without harm")
    void byteOrderMarkAtTheStartIsSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

        List<CaseRecord> lines = readAll(new GeneratedInput().bytes(bom).text(BEFORE + "\n" + AFTER + "\n"));
        assertThat(lines).extracting(CaseRecord::caseId, CaseRecord::isValid)
                .containsExactly(tuple("before", true), tuple("after", true));

        List<CaseRecord> pretty = readAll(new GeneratedInput().bytes(bom).text("{\n  \"caseId\": \"p\"\n}\n"));
        assertThat(pretty).singleElement().matches(CaseRecord::isValid);

        PatientCase c = CaseJson.read("\uFEFF" + BEFORE);
        assertThat(c.caseId()).isEqualTo("before");
    }

    @Test
    @DisplayName("a byte order mark at the start of a later JSON Lines line (concatenated files) is skipped too")
    void byteOrderMarkStartingALaterLineIsSkipped() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        List<CaseRecord> records = readAll(new GeneratedInput().text(BEFORE + "\n").bytes(bom)
                .text(BEFORE + "\n" + AFTER + "\n"));
        assertThat(records).extracting(CaseRecord::line, CaseRecord::isValid)
                .containsExactly(tuple(1L, true), tuple(2L, true), tuple(3L, true));
    }

    @Test
    @DisplayName("a byte order mark inside a line is refused with its position")
    void byteOrderMarkInsideALineIsRefused() throws IOException {
        List<CaseRecord> records = readAll(new GeneratedInput().text(BEFORE + "\n{\"caseId\": \"t\",\uFEFF \"ecog\": 1}\n"));
        assertThat(records).extracting(CaseRecord::line, CaseRecord::isValid)
                .containsExactly(tuple(1L, true), tuple(2L, false));
        assertThat(records.get(1).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("malformed JSON: Unexpected character"));
    }

    @Test
    @DisplayName("NUL bytes at the start never make the parser take the input for UTF-16 or UTF-32")
    void nulBytesNeverSwitchTheEncoding() throws IOException {
        // Given input that a byte-order detector would take for UTF-16BE ("[" and "{" each preceded by NUL)
        byte[] utf16ish = {0, '[', 0, '{', 0, '}', 0, ']'};
        byte[] arrayThenNul = {'[', 0, '{', 0, '}', 0, ']'};

        // Then it is refused as JSON with a NUL byte, as a line, and as an array
        assertThat(readAll(new ByteArrayInputStream(utf16ish))).singleElement().satisfies(r ->
                assertThat(r.problems()).extracting(CaseProblem::message)
                        .containsExactly("malformed JSON: NUL byte (byte 1 of the line): JSON text never holds one"));
        assertThat(readAll(new ByteArrayInputStream(arrayThenNul))).singleElement().satisfies(r ->
                assertThat(r.problems()).extracting(CaseProblem::message).containsExactly(
                        "malformed JSON: NUL byte (byte 2 of the input): JSON text never holds one; "
                                + "the rest of the array cannot be read"));
    }

    @Test
    @DisplayName("invalid UTF-8 in an array batch: the cases before the bad byte are read, the error names its case")
    void invalidUtf8InAnArrayNamesItsCase() throws IOException {
        // Given an array of 200 valid cases (all in the parser's first buffer), then one with an overlong byte
        GeneratedInput in = new GeneratedInput().text("[").repeat(BEFORE + ",\n", 200)
                .text("{\"caseId\": \"bad\", \"histology\": \"a").bytes(new byte[] {(byte) 0xC0, (byte) 0xAF})
                .text("\"}]");

        List<CaseRecord> records = readAll(in);

        assertThat(records).hasSize(201);
        assertThat(records.subList(0, 200)).allMatch(CaseRecord::isValid);
        assertThat(records.get(200).caseId()).isEqualTo("bad");
        int offset = 1 + 200 * (BEFORE.length() + 2) + "{\"caseId\": \"bad\", \"histology\": \"a".length() + 1;
        assertThat(records.get(200).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("histology");
            assertThat(p.message()).isEqualTo("invalid character encoding (input must be UTF-8): Invalid UTF-8 byte "
                    + "0xc0 (byte " + offset + " of the input); the rest of the array cannot be read");
        });
    }

    @Test
    @DisplayName("invalid UTF-8 in a pretty-printed case with CRLF line ends: the offset counts every byte of the input")
    void invalidUtf8InAPrettyPrintedCaseGivesTheExactOffset() throws IOException {
        // Given a byte order mark, a blank line, then a case over several CRLF lines with an overlong byte
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String head = "\r\n{\r\n  \"caseId\": \"crlf\",\r\n  \"histology\": \"a";
        GeneratedInput in = new GeneratedInput().bytes(bom).text(head).bytes(new byte[] {(byte) 0xC0, (byte) 0xAF})
                .text("\"\r\n}\r\n");

        // When it is read
        List<CaseRecord> records;
        try (CaseInput input = CaseInput.open(in)) {
            assertThat(input.format()).isEqualTo(Format.OBJECT);
            records = new ArrayList<>();
            input.forEachRemaining(records::add);
        }

        // Then the error names the field, the case, and the byte's position in the input
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.caseId()).isEqualTo("crlf");
            assertThat(r.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("histology");
                assertThat(p.message()).isEqualTo("invalid character encoding (input must be UTF-8): Invalid UTF-8 "
                        + "byte 0xc0 (byte " + (bom.length + head.length() + 1) + " of the input)");
            });
        });
    }

    @Test
    @DisplayName("a paired surrogate (an emoji) is text, not a problem")
    void pairedSurrogatesAreAccepted() {
        PatientCase c = CaseJson.read("{\"caseId\": \"t-\uD83D\uDE00\", \"lesions\": [{\"id\": \"\\ud83d\\ude00\","
                + " \"site\": \"LUNG\"}]}");
        assertThat(c.caseId()).isEqualTo("t-\uD83D\uDE00");
        assertThat(c.lesions().get(0).id()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    @DisplayName("an error record cuts an unknown key of 1,000 characters and replaces an unpaired surrogate in it")
    void hostileKeysAreCutInErrorRecords() {
        String key = "\uDC00" + "k".repeat(1_000);
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class,
                () -> CaseJson.read("{\"caseId\": \"t\", \"" + key + "\": 1}"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).hasSize(JsonConfig.MAX_PATH_CHARS).startsWith("\uFFFDkkk").endsWith("...");
            assertThat(p.message()).startsWith("unknown field");
        });
    }

    // ---- wrong types everywhere

    /** Every field of the case format with the JSON kinds it accepts (besides null). */
    private static final List<String[]> FIELDS = List.of(
            new String[] {"caseId", "string"}, new String[] {"histology", "string"},
            new String[] {"primaryDiagnosisDate", "string"}, new String[] {"omdDiagnosisDate", "string"},
            new String[] {"history", "object"}, new String[] {"systemicTherapy", "object"},
            new String[] {"ecog", "number"}, new String[] {"medicallyOperable", "boolean"},
            new String[] {"declinesSurgery", "boolean"}, new String[] {"pulmonaryReserveAdequate", "boolean"},
            new String[] {"parenchymaSparingNeeded", "boolean"}, new String[] {"plateletsPerNanolitre", "number"},
            new String[] {"inr", "number"}, new String[] {"tumourDoublingTimeDays", "number"},
            new String[] {"lifeExpectancyMonths", "number"}, new String[] {"priorLungResections", "number"},
            new String[] {"lesions", "array"},
            new String[] {"history.polymetastatic", "boolean"}, new String[] {"history.oligometastatic", "boolean"},
            new String[] {"systemicTherapy.status", "string"}, new String[] {"systemicTherapy.lastDoseDate", "string"},
            new String[] {"systemicTherapy.kind", "string"},
            new String[] {"lesions[0]", "object"},
            new String[] {"lesions[0].id", "string"}, new String[] {"lesions[0].site", "string"},
            new String[] {"lesions[0].laterality", "string"}, new String[] {"lesions[0].sizeMm", "number"},
            new String[] {"lesions[0].response", "string"}, new String[] {"lesions[0].safelyTreatable", "boolean"},
            new String[] {"lesions[0].resectableR0", "boolean"},
            new String[] {"lesions[0].sabrConstraintsAchievable", "boolean"},
            new String[] {"lesions[0].previouslyIrradiated", "boolean"},
            new String[] {"lesions[0].features", "array"}, new String[] {"lesions[0].features[0]", "string"});

    /** A JSON value of each kind, and how messages name the kind. */
    private static final List<String[]> KINDS = List.of(new String[] {"string", "\"x\"", "a string"},
            new String[] {"number", "7", "a number"}, new String[] {"boolean", "true", "a boolean"},
            new String[] {"array", "[]", "an array"}, new String[] {"object", "{}", "an object"});

    static Stream<String[]> wrongTypes() {
        return FIELDS.stream().flatMap(f -> KINDS.stream().filter(k -> !k[0].equals(f[1]))
                .map(k -> new String[] {f[0], k[1], k[2]}));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongTypes")
    @DisplayName("a value of the wrong JSON type is refused at its path, naming the type given")
    void wrongTypeIsRefusedAtItsPath(String path, String value, String kind) throws IOException {
        // Given a valid case with one value replaced by a value of another JSON type
        String json = withValueAt(path, value);

        // When it is read
        InvalidCaseException e = catchThrowableOfType(InvalidCaseException.class, () -> CaseJson.read(json));

        // Then that path is refused, saying what was given
        assertThat(e).as("refused: %s", json).isNotNull();
        assertThat(e.problems()).filteredOn(p -> p.field().equals(path)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("not " + kind));
    }

    @Test
    @DisplayName("the wrong-type template is itself a valid case, so only the replaced value is refused")
    void wrongTypeTemplateIsValid() throws IOException {
        assertThat(CaseJson.read(STRICT.writeValueAsString(template())).lesions()).hasSize(1);
        assertThat(wrongTypes().count()).isEqualTo(FIELDS.size() * 4L);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode template() throws IOException {
        return (com.fasterxml.jackson.databind.node.ObjectNode) STRICT.readTree(CaseJsonTest.resource(
                "example-case.json"));
    }

    /** The example case with the value at {@code path} replaced (objects are created on the way). */
    private static String withValueAt(String path, String value) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode root = template();
        JsonNode replacement = STRICT.readTree(value);
        String[] steps = path.split("\\.");
        JsonNode parent = root;
        for (int i = 0; i < steps.length; i++) {
            String step = steps[i];
            boolean last = i == steps.length - 1;
            String name = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            Integer index = step.contains("[") ? Integer.valueOf(step.substring(step.indexOf('[') + 1,
                    step.indexOf(']'))) : null;
            var object = (com.fasterxml.jackson.databind.node.ObjectNode) parent;
            if (index == null) {
                if (last) {
                    object.set(name, replacement);
                } else {
                    parent = object.get(name);
                }
            } else {
                var array = (com.fasterxml.jackson.databind.node.ArrayNode) object.get(name);
                if (array.isEmpty()) {
                    array.add("CENTRAL");
                }
                if (last) {
                    array.set(index, replacement);
                } else {
                    parent = array.get(index);
                }
            }
        }
        return STRICT.writeValueAsString(root);
    }
}
