package dev.gyre.store.sql;

import static dev.gyre.store.StoreAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BackendUriTest {

    @Test
    void embeddedFileDatabase() {
        BackendUri u = BackendUri.parse("h2:/var/lib/gyre/db/gyre");
        assertThat(u.dialect()).isEqualTo(Dialect.H2);
        assertThat(u.h2File()).isEqualTo(Path.of("/var/lib/gyre/db/gyre"));
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/gyre/db/gyre" + BackendUri.H2_SETTINGS);
        assertThat(u.jdbcUrl())
                .contains(
                        ";WRITE_DELAY=0", ";MODE=PostgreSQL", ";DATABASE_TO_LOWER=TRUE", ";DEFAULT_NULL_ORDERING=HIGH");
        assertInvalid(() -> BackendUri.parse("h2:relative/path"), "The embedded database path must be absolute");
    }

    @Test
    void inMemoryDatabase() {
        BackendUri u = BackendUri.parse("h2:mem:test1");
        assertThat(u.h2File()).isNull();
        assertThat(u.jdbcUrl()).startsWith("jdbc:h2:mem:test1;DB_CLOSE_DELAY=-1;MODE=PostgreSQL");
        assertInvalid(() -> BackendUri.parse("h2:mem:"), "needs a name");
    }

    @Test
    void postgresqlInTheFormsMlflowUsersWrite() {
        for (String scheme : new String[] {"postgresql", "postgresql+psycopg2", "postgres"}) {
            BackendUri u = BackendUri.parse(scheme + "://gyre:s%40cret@db.example:5433/tracking?sslmode=require");
            assertThat(u.dialect()).isEqualTo(Dialect.POSTGRESQL);
            assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/tracking?sslmode=require");
            assertThat(u.user()).isEqualTo("gyre");
            assertThat(u.password()).isEqualTo("s@cret");
        }
        BackendUri noPort = BackendUri.parse("postgresql://localhost/gyre");
        assertThat(noPort.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/gyre");
        assertThat(noPort.user()).isNull();
    }

    @Test
    void rawJdbcUrlsKeepTheirOwnSettings() {
        assertThat(BackendUri.parse("jdbc:postgresql://h:5432/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        BackendUri h2 = BackendUri.parse("jdbc:h2:file:/tmp/x;WRITE_DELAY=100");
        assertThat(h2.jdbcUrl()).contains(";WRITE_DELAY=100").doesNotContain("WRITE_DELAY=0");
        assertThat(h2.jdbcUrl()).contains(";MODE=PostgreSQL");
        assertThat(h2.h2File()).isEqualTo(Path.of("/tmp/x"));
        assertThat(BackendUri.parse("jdbc:h2:mem:x").h2File()).isNull();
    }

    @Test
    void unknownSchemesListTheSupportedForms() {
        assertInvalid(
                () -> BackendUri.parse("mysql://u:p@h/db"),
                "Unsupported backend store URI 'mysql://u:***@h/db'."
                        + " Supported forms: h2:/absolute/path/to/db, h2:mem:<name>, postgresql://");
        assertInvalid(() -> BackendUri.parse("sqlite:///mlflow.db"), "Supported forms");
        assertInvalid(() -> BackendUri.parse(""), "Supported forms");
        assertInvalid(() -> SqlMetadataStores.open("file:///tmp/mlruns", "/tmp"), "Unsupported backend store URI");
    }
}
