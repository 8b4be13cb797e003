package dev.gyre.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.store.MetadataStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that returned survives {@code kill -9} of the process that made it; and while that process holds the
 * embedded database, another one is told so clearly instead of hanging or corrupting it.
 */
class DurabilityTest {

    @Test
    void acknowledgedWritesSurviveKillDashNine(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("nested/dirs/gyre");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        DurabilityChild.class.getName(),
                        db.toString())
                .redirectErrorStream(true)
                .start();
        String runId = null;
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder log = new StringBuilder();
            for (String line; (line = out.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.startsWith("LOGGED ")) {
                    runId = line.substring("LOGGED ".length()).strip();
                    break;
                }
            }
            assertThat(runId).as("child output:%n%s", log).isNotNull();

            assertThatThrownBy(() -> SqlMetadataStores.open("h2:" + db, "mlflow-artifacts:/"))
                    .hasMessageContaining("the embedded database " + db + " is in use by another Gyre process");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no orderly close of the database
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.exists(Path.of(db + ".mv.db"))).isTrue();

        try (MetadataStores stores = SqlMetadataStores.open("h2:" + db, "mlflow-artifacts:/")) {
            Run run = stores.tracking().getRun(runId);
            assertThat(run.data().params()).containsExactly(new Param("lr", "0.1"));
            assertThat(run.data().metrics()).singleElement().satisfies(m -> assertThat(m.step())
                    .isEqualTo(499));
            assertThat(stores.tracking()
                            .getMetricHistory(runId, "loss", 1000, null)
                            .items())
                    .hasSize(500);
        }
    }
}
