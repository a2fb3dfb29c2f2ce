package org.mltrules.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mltrules.Assessment;
import org.mltrules.Category;
import org.mltrules.PathStep;
import org.mltrules.PatientCase;
import org.mltrules.fhir.FhirCaseMapper;
import org.mltrules.json.CaseJson;
import org.mltrules.json.CaseWriter;
import org.mltrules.json.DemoCases;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The case explorer page in a real browser (headless Chromium): a tumour board member opens demo cases, reads the
 * category and the decision path, asks "what if" about a missing fact, uploads an mCODE bundle, pastes broken JSON,
 * uses the keyboard, prints. Every expected answer comes from the library itself (the same case assessed in Java),
 * and after every test no request may have left the server's origin.
 */
@Chromium.Required
class ExplorerPageTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static MltRulesServer server;
    static String origin;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start(@TempDir Path profile) {
        server = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth().build().start();
        origin = "http://127.0.0.1:" + server.port();
        browser = Chromium.start(profile.resolve("chromium"), 1280, 800);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        setViewport(1280, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void freshWindow() {
        setViewport(1280, 800);
        browser.manage().logs().get(LogType.PERFORMANCE); // drain what earlier tests left
    }

    @AfterEach
    void noRequestLeftTheServersOrigin() {
        List<String> urls = requestedUrls();
        assertThat(urls).as("requests of this test").isNotEmpty();
        assertThat(urls).allSatisfy(u -> assertThat(u).satisfiesAnyOf(
                x -> assertThat(x).startsWith(origin + "/"),
                x -> assertThat(x).startsWith("data:")));
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void everyDemoCaseOpensWithTheLibrarysCategoryAndItsPathHighlightedInTheTree() {
        for (PatientCase demo : DemoCases.cases()) {
            Assessment expected = Rules.BUNDLED.assess(demo);
            openDemo(demo.caseId());

            assertThat(text("#category-code")).as(demo.caseId()).isEqualTo(expected.category().name());
            assertThat(text("#candidacy-code")).as(demo.caseId()).isEqualTo(expected.candidacy().level().name());
            assertThat(text("#category-words")).as(demo.caseId()).isNotBlank().isNotEqualTo(expected.category().name());

            // The tree: the steps on the path, in order, with their answers; the leaf reached; the edges taken.
            List<String> expectedSteps = new ArrayList<>();
            for (PathStep s : expected.classification().path()) {
                expectedSteps.add(s.step().name() + "=" + s.answer().name());
            }
            List<String> highlighted = new ArrayList<>();
            for (WebElement n : all("svg.tree .node.step.taken")) {
                highlighted.add(n.getAttribute("data-step") + "=" + n.getAttribute("data-answer"));
            }
            assertThat(highlighted).as("highlighted steps of %s", demo.caseId())
                    .containsExactlyInAnyOrderElementsOf(expectedSteps);
            assertThat(all("svg.tree .node.leaf.reached")).singleElement()
                    .extracting(e -> e.getAttribute("data-leaf")).isEqualTo(expected.category().name());
            long answered = expected.classification().path().stream()
                    .filter(s -> s.answer() != org.mltrules.Answer.UNKNOWN).count();
            assertThat(all("svg.tree .edge.taken")).as("edges taken in %s", demo.caseId()).hasSize((int) answered);
            // an unknown step is marked, with the dashed edge to INDETERMINATE; untaken boxes are greyed
            boolean indeterminate = expected.category() == Category.INDETERMINATE;
            assertThat(all("svg.tree .node.step.unknown")).hasSize(indeterminate ? 1 : 0);
            assertThat(all("svg.tree .edge.unknown")).hasSize(indeterminate ? 1 : 0);
            assertThat(all("svg.tree .node.untaken")).isNotEmpty();
            // every step answered is in the "why" table with its deciding facts
            List<WebElement> rows = all("#path-table tbody tr");
            assertThat(rows).hasSize(expected.classification().path().size());
            for (int i = 0; i < rows.size(); i++) {
                PathStep s = expected.classification().path().get(i);
                assertThat(rows.get(i).getText()).contains(s.step().name()).contains(s.answer().name())
                        .contains(s.because());
            }
            // the disclaimer is on screen, and the rule set with its fingerprint is named
            assertThat(browser.findElement(By.id("disclaimer")).isDisplayed()).isTrue();
            assertThat(text("#ruleset-body")).contains(expected.rules().fingerprint())
                    .contains(expected.rules().version());
        }
    }

    @Test
    void lesionsShowRankedOptionsWithReasonsTiersAndCitationsAndTheExcludedTechniquesWithTheirReasons() {
        PatientCase demo = firstDemo(a -> !a.lesions().isEmpty()
                && a.lesions().stream().anyMatch(l -> !l.excluded().isEmpty()));
        Assessment expected = Rules.BUNDLED.assess(demo);
        openDemo(demo.caseId());
        for (var lesion : expected.lesions()) {
            WebElement section = browser.findElement(By.cssSelector("section.lesion[data-lesion='" + lesion.lesionId() + "']"));
            List<WebElement> rows = section.findElements(By.cssSelector("table.options tbody tr"));
            assertThat(rows).extracting(r -> r.getAttribute("data-technique"))
                    .containsExactlyElementsOf(lesion.options().stream().map(o -> o.technique().name()).toList());
            for (int i = 0; i < rows.size(); i++) {
                var option = lesion.options().get(i);
                String row = rows.get(i).getText();
                for (var reason : option.reasons()) {
                    assertThat(row).contains(reason.rule()).contains(reason.text());
                    if (!reason.evidence().isEmpty()) {
                        assertThat(row).contains(reason.evidence());
                    }
                }
            }
            List<WebElement> excluded = section.findElements(By.cssSelector("table.excluded tbody tr"));
            assertThat(excluded).hasSize(lesion.excluded().size());
            for (int i = 0; i < excluded.size(); i++) {
                for (var reason : lesion.excluded().get(i).reasons()) {
                    assertThat(excluded.get(i).getText()).contains(reason.rule()).contains(reason.text());
                }
            }
        }
    }

    @Test
    void equalOptionsAreShownAsATieNotAsAPreference() {
        // demo-02: RFA and cryoablation both score +1 with a retrospective series as their strongest support
        PatientCase demo = firstDemo(a -> a.lesions().stream().anyMatch(l -> l.options().size() > 1
                && l.options().get(1).score() == l.options().get(2).score()));
        openDemo(demo.caseId());
        List<String> ranks = all("table.options tbody td.rank > span:first-child").stream().map(WebElement::getText)
                .toList();
        assertThat(ranks).anySatisfy(r -> assertThat(r).startsWith("="));
        assertThat(ranks.stream().filter(r -> r.startsWith("=")).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void fillingTheMissingFactsOfAnIndeterminateDemoReassessesAtOnceUntilTheCategoryIsDecided() throws IOException {
        PatientCase demo = firstDemo(a -> a.category() == Category.INDETERMINATE);
        openDemo(demo.caseId());
        assertThat(text("#category-code")).isEqualTo("INDETERMINATE");
        ObjectNode whatIf = (ObjectNode) JSON.readTree(CaseWriter.toJson(demo));

        for (int round = 0; round < 6 && text("#category-code").equals("INDETERMINATE"); round++) {
            Assessment before = Rules.BUNDLED.assess(CaseJson.read(whatIf.toString()));
            String missing = before.classification().missing().get(0);
            String key = missing.startsWith("lesions[].") ? "lesions[0]." + missing.substring(10) : missing;
            WebElement field = browser.findElement(By.cssSelector("#missing-form .field[data-key='" + key + "']"));
            String value = fill(field, whatIf, key);
            String expected = Rules.BUNDLED.assess(CaseJson.read(whatIf.toString())).category().name();
            wait.until(d -> text("#category-code").equals(expected) && browser.findElement(By.id("changes")).isDisplayed());
            assertThat(text("#whatif-banner")).contains(key).contains(value);
        }
        assertThat(text("#category-code")).isNotEqualTo("INDETERMINATE");
        assertThat(text("#changes")).contains("Category:").contains("INDETERMINATE");
        screenshot("explorer-whatif-1280x800");

        // undoing every what-if value brings the case back as opened
        browser.findElement(By.id("whatif-reset")).click();
        wait.until(d -> text("#category-code").equals("INDETERMINATE"));
        assertThat(browser.findElement(By.id("whatif-banner")).isDisplayed()).isFalse();
    }

    /** Gives a what-if field a plausible value, in the page and in the Java copy of the case; returns it as JSON. */
    private String fill(WebElement field, ObjectNode whatIf, String key) {
        String type = field.getAttribute("data-type");
        JsonNode value;
        switch (type) {
            case "BOOLEAN" -> {
                new Select(field.findElement(By.tagName("select"))).selectByValue("false");
                value = JSON.getNodeFactory().booleanNode(false);
            }
            case "ENUM" -> {
                Select s = new Select(field.findElement(By.tagName("select")));
                String v = s.getOptions().get(1).getAttribute("value");
                s.selectByValue(v);
                value = JSON.getNodeFactory().textNode(v);
            }
            default -> throw new AssertionError("no value chosen for a " + type + " field in this test: " + key);
        }
        Matcher m = Pattern.compile("lesions\\[(\\d+)]\\.(.+)").matcher(key);
        if (m.matches()) {
            ((ObjectNode) whatIf.get("lesions").get(Integer.parseInt(m.group(1)))).set(m.group(2), value);
        } else if (key.contains(".")) {
            String[] parts = key.split("\\.");
            if (!whatIf.path(parts[0]).isObject()) {
                whatIf.putObject(parts[0]);
            }
            ((ObjectNode) whatIf.get(parts[0])).set(parts[1], value);
        } else {
            whatIf.set(key, value);
        }
        return value.toString();
    }

    @Test
    void theMissingFactsFormUsesTheRightInputForDatesBooleansEnumsAndNumbers() {
        // a case whose unknowns need every kind of input
        String sparse = "{\"caseId\":\"sparse\",\"histology\":\"8890/3\",\"history\":{\"polymetastatic\":false,"
                + "\"oligometastatic\":false},\"lesions\":[{\"id\":\"L1\",\"site\":\"LUNG\",\"safelyTreatable\":true}]}";
        paste(sparse);
        wait.until(d -> text("#category-code").equals("INDETERMINATE"));
        assertThat(browser.findElement(By.cssSelector(".field[data-key='primaryDiagnosisDate'] input"))
                .getAttribute("type")).isEqualTo("date");
        assertThat(browser.findElement(By.cssSelector(".field[data-key='ecog'] input")).getAttribute("type"))
                .isEqualTo("number");
        assertThat(browser.findElement(By.cssSelector(".field[data-key='ecog'] input")).getAttribute("max"))
                .isEqualTo("4");
        assertThat(browser.findElement(By.cssSelector(".field[data-key='lesions[0].resectableR0'] select"))
                .getText()).contains("yes").contains("no").contains("unknown");
        assertThat(browser.findElements(By.cssSelector(".field[data-key='lesions[0].features'] input[type=checkbox]")))
                .hasSizeGreaterThan(5);

        // typing dates: the category follows the library's answer for the same dates
        setDate(".field[data-key='primaryDiagnosisDate'] input", "2019-03-12");
        wait.until(d -> browser.findElements(By.cssSelector(".field[data-key='omdDiagnosisDate'] input")).size() == 1
                && !browser.findElements(By.cssSelector("#whatif-banner")).isEmpty()
                && text("#whatif-banner").contains("primaryDiagnosisDate"));
        setDate(".field[data-key='omdDiagnosisDate'] input", "2019-05-02");
        wait.until(d -> text("#category-code").equals("SYNCHRONOUS_OMD"));
        assertThat(text("#changes")).contains("SYNCHRONOUS_OMD");
    }

    private void setDate(String css, String isoDate) {
        WebElement input = browser.findElement(By.cssSelector(css));
        // the date input's own keyboard order follows the browser's locale: set it as a user's picker would
        ((JavascriptExecutor) browser).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                input, isoDate);
    }

    @Test
    void anUploadedMcodeBundleIsMappedAssessedAndItsMappingReportShown() throws IOException {
        Path bundle = Path.of("src", "test", "resources", "fhir", "fhir-mapping-example-b.json").toAbsolutePath();
        var mapped = FhirCaseMapper.builder().build().map(Files.readString(bundle, StandardCharsets.UTF_8));
        Assessment expected = Rules.BUNDLED.assess(mapped.patientCase().orElseThrow());

        browser.get(origin + "/");
        wait.until(d -> browser.findElements(By.cssSelector("#demo-select option")).size() > 1);
        browser.findElement(By.id("file")).sendKeys(bundle.toString());
        wait.until(d -> text("#category-code").equals(expected.category().name()));
        assertThat(text("#source-line")).contains("FHIR Bundle").contains("fhir-mapping-example-b.json");
        assertThat(browser.findElement(By.id("mapping")).isDisplayed()).isTrue();
        assertThat(all("#mapping table.mapping tbody tr")).hasSize(mapped.report().size());
        assertThat(text("#mapping")).contains(mapped.report().get(0).rule());
        assertThat(all("svg.tree .node.leaf.reached")).singleElement()
                .extracting(e -> e.getAttribute("data-leaf")).isEqualTo(expected.category().name());
    }

    @Test
    void brokenJsonAndARejectedCaseAreShownNextToTheInputNamingEachProblem() {
        browser.get(origin + "/");
        wait.until(d -> browser.findElements(By.cssSelector("#demo-select option")).size() > 1);
        paste("{\"caseId\": \"broken\",\n  \"ecog\": 1,\n  \"lesions\": [\n");
        WebElement errors = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-errors")));
        assertThat(errors.getText()).contains("not valid JSON").containsPattern("line \\d+");
        assertThat(browser.findElement(By.id("case-view")).isDisplayed()).isFalse();

        paste("{\"caseId\":\"x\",\"ecog\":9,\"smoker\":true,\"lesions\":[{\"id\":\"L1\",\"site\":\"KIDNEY\"}]}");
        wait.until(d -> text("#input-errors").contains("ecog"));
        String shown = text("#input-errors");
        assertThat(shown).contains("could not be assessed").contains("ecog").contains("must be an integer from 0 to 4")
                .contains("smoker").contains("lesions[0].site").contains("KIDNEY");
        assertThat(all("#input-errors li")).hasSize(3);
        // the error region sits next to the inputs, inside the "Open a case" panel
        assertThat(browser.findElement(By.cssSelector("#open #input-errors")).isDisplayed()).isTrue();
    }

    @Test
    void theKeyboardReachesEveryControlAndEveryStepOfThePathInReadingOrderWithAVisibleFocus() {
        PatientCase demo = firstDemo(a -> a.category() == Category.INDETERMINATE);
        Assessment expected = Rules.BUNDLED.assess(demo);
        openDemo(demo.caseId()); // a fresh page: the first Tab starts at the top of the document

        List<WebElement> visited = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < 120; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform(); // (not sendKeys on a file input: that uploads)
            WebElement f = browser.switchTo().activeElement();
            String id = describe(f);
            if (id.equals("body") || !seen.add(id)) {
                break; // past the last control: the focus left the page, or came round again
            }
            visited.add(f);
            String outline = (String) ((JavascriptExecutor) browser).executeScript(
                    "const s = getComputedStyle(arguments[0]); const r = arguments[0].querySelector('rect');"
                            + "return s.outlineStyle !== 'none' && s.outlineWidth !== '0px' ? 'outline' "
                            + ": (r && getComputedStyle(r).strokeWidth) || 'none';", f);
            assertThat(outline).as("visible focus on %s", id).isNotEqualTo("none");
        }
        assertThat(seen).as("tab order").startsWith("a:Skip to the assessment");
        assertThat(seen).contains("select#demo-select", "button#demo-open", "textarea#paste",
                "button#paste-assess", "input#file");
        long steps = seen.stream().filter(s -> s.startsWith("g.node.step")).count();
        assertThat(steps).as("steps of the path reachable by Tab").isEqualTo(expected.classification().path().size());
        assertThat(seen).anySatisfy(s -> assertThat(s).startsWith("g.node.leaf"));
        assertThat(seen).anySatisfy(s -> assertThat(s).startsWith("select#fact-").as("a what-if input"));
        // reading order: each focused element comes after the previous one in the document
        for (int i = 1; i < visited.size(); i++) {
            Object following = ((JavascriptExecutor) browser).executeScript(
                    "return (arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;",
                    visited.get(i - 1), visited.get(i));
            assertThat(following).as("%s before %s", describe(visited.get(i - 1)), describe(visited.get(i)))
                    .isEqualTo(true);
        }
        // a path step says its question, answer and deciding facts to a screen reader
        WebElement firstStep = browser.findElement(By.cssSelector("svg.tree .node.step.taken"));
        assertThat(firstStep.getAttribute("aria-label")).contains("P1").contains("Answer");
        assertThat(browser.findElement(By.cssSelector("svg.tree")).getAttribute("aria-labelledby")).isNotBlank();
        assertThat(browser.findElement(By.cssSelector("svg.tree > title")).getAttribute("textContent")).isNotBlank();

        // opening a demo case with the keyboard alone
        WebElement select = browser.findElement(By.id("demo-select"));
        select.sendKeys(Keys.HOME);
        select.sendKeys(Keys.ARROW_DOWN);
        String chosen = new Select(select).getFirstSelectedOption().getAttribute("value");
        browser.findElement(By.id("demo-open")).sendKeys(Keys.ENTER);
        wait.until(d -> text("#case-title").endsWith(chosen));
    }

    private static String describe(WebElement e) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const e = arguments[0]; const cls = (e.getAttribute('class') || '').trim().split(/\\s+/).slice(0, 2).join('.');"
                        + "if (e.tagName === 'A') return 'a:' + e.textContent.trim();"
                        + "return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (cls && !e.id ? '.' + cls : '')"
                        + " + (e.dataset && (e.dataset.node || e.dataset.leaf) ? ':' + (e.dataset.node || e.dataset.leaf) : '');", e);
    }

    @Test
    void readableAt1280x800AndOnAPhoneAndPrintsAsAOneCaseBoardSummary() throws IOException {
        PatientCase demo = DemoCases.cases().stream().filter(c -> c.caseId().equals("demo-02")).findFirst()
                .orElse(DemoCases.cases().get(0));
        openDemo(demo.caseId());
        screenshot("explorer-1280x800");
        fullPageScreenshot("explorer-1280-full");

        PatientCase indeterminate = firstDemo(a -> a.category() == Category.INDETERMINATE);
        openDemo(indeterminate.caseId());
        screenshot("explorer-indeterminate-1280x800");

        setViewport(390, 844);
        openDemo(demo.caseId());
        // nothing wider than the screen but the tree's own scroll box
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
        assertThat(browser.findElement(By.id("disclaimer")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("tree-zoom")).isDisplayed()).isTrue();
        screenshot("explorer-390x844");
        browser.findElement(By.id("lesions")).getLocation();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('lesions').scrollIntoView();");
        screenshot("explorer-390x844-lesions");
        fullPageScreenshot("explorer-390-full");

        // print: the board summary without the input panel or the form, in a few pages
        setViewport(1280, 800);
        openDemo(demo.caseId());
        String pdf = browser.print(new PrintOptions()).getContent();
        byte[] bytes = Base64.getDecoder().decode(pdf);
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("explorer-print.pdf"), bytes);
        int pages = countPages(new String(bytes, StandardCharsets.ISO_8859_1));
        assertThat(pages).as("printed pages").isBetween(1, 4);
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.findElement(By.id("open")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("missing-form")).isDisplayed()).isFalse();
            assertThat(browser.findElement(By.id("disclaimer")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.cssSelector("svg.tree")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("ruleset-body")).isDisplayed()).isTrue();
            fullPageScreenshot("explorer-print-media");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    private static int countPages(String pdf) {
        Matcher m = Pattern.compile("/Type\\s*/Page[^s]").matcher(pdf);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void beyondLoopbackTheApiNeedsATokenAndThePageAsksForItOnA401() {
        String token = "page-test-token-0123456789";
        MltRulesServer guarded = MltRulesServer.builder().port(0).rules(Rules.BUNDLED).noAuth().apiToken(token)
                .build().start();
        try {
            String guardedOrigin = "http://127.0.0.1:" + guarded.port();
            browser.get(guardedOrigin + "/?demo=demo-02");
            WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token-dialog")));
            browser.findElement(By.id("token-input")).sendKeys("not-the-token-at-all");
            browser.findElement(By.id("token-input")).sendKeys(Keys.ENTER);
            wait.until(d -> browser.findElement(By.id("token-error")).isDisplayed());
            assertThat(dialog.getText()).contains("not accepted");
            browser.findElement(By.id("token-input")).sendKeys(token);
            browser.findElement(By.id("token-input")).sendKeys(Keys.ENTER);
            wait.until(d -> text("#category-code").equals(Rules.BUNDLED.assess(demoCase("demo-02")).category().name()));
            List<String> urls = requestedUrls();
            assertThat(urls).allSatisfy(u -> assertThat(u).satisfiesAnyOf(
                    x -> assertThat(x).startsWith(guardedOrigin + "/"), x -> assertThat(x).startsWith("data:")));
            assertThat(urls).anySatisfy(u -> assertThat(u).endsWith("/api/assess"));
        } finally {
            ((JavascriptExecutor) browser).executeScript("sessionStorage.clear();");
            guarded.close();
            browser.get(origin + "/"); // the after-test check sees requests to this server only
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    static PatientCase demoCase(String id) {
        return DemoCases.cases().stream().filter(c -> c.caseId().equals(id)).findFirst().orElseThrow();
    }

    static PatientCase firstDemo(java.util.function.Predicate<Assessment> test) {
        return DemoCases.cases().stream().filter(c -> test.test(Rules.BUNDLED.assess(c))).findFirst()
                .orElseThrow(() -> new AssertionError("no demo case for this scenario"));
    }

    static void openDemo(String id) {
        browser.get(origin + "/?demo=" + id);
        wait.until(d -> browser.findElement(By.id("case-view")).isDisplayed() && text("#case-title").equals("Case " + id));
    }

    static void paste(String json) {
        WebElement area = browser.findElement(By.id("paste"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", area, json);
        browser.findElement(By.id("paste-assess")).click();
    }

    static String text(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText().trim();
    }

    static List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    /** The window resized so that the page itself (the viewport) is exactly this size. */
    static void setViewport(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        Number w = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;");
        Number h = (Number) ((JavascriptExecutor) browser).executeScript("return window.innerHeight;");
        browser.manage().window().setSize(new Dimension(2 * width - w.intValue(), 2 * height - h.intValue()));
    }

    static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @SuppressWarnings("unchecked")
    static void fullPageScreenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The URLs the browser requested since the last call (Chromium's performance log). */
    static List<String> requestedUrls() {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                    urls.add(message.path("params").path("request").path("url").asText());
                }
            } catch (IOException e) {
                throw new AssertionError("unreadable performance log entry", e);
            }
        }
        return urls;
    }

    static URI base() {
        return URI.create(origin);
    }
}
