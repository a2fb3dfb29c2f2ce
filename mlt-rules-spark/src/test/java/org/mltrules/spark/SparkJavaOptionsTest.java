package org.mltrules.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Spark started without its launcher (these tests, run-local.sh) needs the JVM options the launcher would add on
 * Java 17: the list kept in the POM ({@code spark.java.options}) must cover Spark's own, whatever its version.
 */
class SparkJavaOptionsTest {
    @Test
    @DisplayName("the tests' JVM has every option Spark's launcher passes on Java 17")
    void testJvmHasSparksOptions() {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();

        assertThat(jvm).contains(JavaModuleOptions.defaultModuleOptionArray());
    }

    @Test
    @DisplayName("run-local.sh takes its JVM options from the same POM property")
    void runLocalReadsThePomsOptions() throws IOException {
        String script = Files.readString(Path.of("run-local.sh"));
        String pom = Files.readString(Path.of("pom.xml"));

        assertThat(script).contains("spark.java.options");
        for (String option : JavaModuleOptions.defaultModuleOptionArray()) {
            assertThat(pom).contains(option);
        }
    }

    @Test
    @DisplayName("run-local.sh resolves the Spark version the module is built against")
    void runtimeClassPathHasTheModulesSparkVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String runtime = Files.readString(Path.of("spark-runtime.pom.xml"));
        String version = pom.replaceAll("(?s).*<spark.version>([^<]+)</spark.version>.*", "$1");

        assertThat(version).isEqualTo(TestSpark.session().version());
        assertThat(runtime).contains("<version>" + version + "</version>");
    }
}
