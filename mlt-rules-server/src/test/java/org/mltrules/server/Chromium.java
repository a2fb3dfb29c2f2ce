package org.mltrules.server;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, for the page tests (integration.md 3). Selenium is
 * given both paths, so Selenium Manager never runs and nothing is downloaded.
 *
 * <p>{@link Required}: where the environment variable {@code CI} is set the browser tests always run, and fail if
 * Chromium cannot start; elsewhere, without Chromium, they are skipped with one loud line on standard error naming
 * the Debian packages to install.
 */
final class Chromium {
    /** The browser; {@code -Dmltrules.chromium=PATH} to use another. */
    static final Path BROWSER = Path.of(System.getProperty("mltrules.chromium", "/usr/bin/chromium"));
    /** Its driver; {@code -Dmltrules.chromedriver=PATH} to use another. */
    static final Path DRIVER = Path.of(System.getProperty("mltrules.chromedriver", "/usr/bin/chromedriver"));
    static final String PACKAGES = "chromium chromium-driver";

    private Chromium() {
    }

    /** Runs the annotated test class only where Chromium can run, or always under CI. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Condition.class)
    @interface Required {
    }

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** The JUnit condition behind {@link Required}. */
    static final class Condition implements ExecutionCondition {
        private static final AtomicBoolean WARNED = new AtomicBoolean();

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (installed()) {
                return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
            }
            String missing = "Chromium (" + BROWSER + ") or chromedriver (" + DRIVER + ") is missing";
            if (System.getenv("CI") != null) {
                return ConditionEvaluationResult.enabled("CI is set: the browser tests must run (" + missing + ")");
            }
            String line = "BROWSER TESTS SKIPPED: " + missing + "; install Debian's packages with 'apt-get install "
                    + PACKAGES + "' to run the case explorer page tests";
            if (WARNED.compareAndSet(false, true)) {
                System.err.println("*** " + line + " ***");
            }
            return ConditionEvaluationResult.disabled(line);
        }
    }

    /**
     * A new headless Chromium at the given window size, with its own fresh profile folder and the performance log
     * (network requests) recorded.
     */
    static ChromeDriver start(Path profile, int width, int height) {
        System.setProperty("webdriver.chrome.silentOutput", "true");
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.WARNING);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        try {
            Files.createDirectories(profile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the browser profile folder " + profile, e);
        }
        return new ChromeDriver(service, options);
    }
}
