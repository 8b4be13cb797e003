package dev.gyre.store.sql;

import static dev.gyre.store.StoreAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.core.deploy.Deployment;
import dev.gyre.core.deploy.DeploymentMode;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The path {@link SqlDeploymentStore#create} takes when its check for a running deployment passes but another
 * transaction inserts one for the same served name before it commits: the insert waits on the unique
 * {@code running_name}, fails once the other commits, and the store answers {@code RESOURCE_ALREADY_EXISTS} naming
 * the winner (after rolling back to a savepoint, which PostgreSQL needs to run the query).
 */
class DeploymentCreateRaceTest {

    @Test
    void h2() throws Exception {
        losingTheInsertRaceNamesTheWinner(TestDatabases.h2Memory());
    }

    @Test
    void postgres() throws Exception {
        try (TestDatabases.PostgresDatabase db = TestDatabases.freshPostgres()) {
            losingTheInsertRaceNamesTheWinner(db.uri());
        }
    }

    private static void losingTheInsertRaceNamesTheWinner(String uri) throws Exception {
        try (MetadataStores stores = SqlMetadataStores.open(uri, "mlflow-artifacts:/")) {
            BackendUri b = BackendUri.parse(uri);
            try (Connection other = DriverManager.getConnection(b.jdbcUrl(), b.user(), b.password())) {
                other.setAutoCommit(false);
                try (PreparedStatement ps = other.prepareStatement("INSERT INTO deployments (deployment_id, name,"
                        + " running_name, registered_model, stable_version, candidate_version, deployment_mode,"
                        + " deployment_state, candidate_weight, settings, created_by, creation_time,"
                        + " last_updated_time) VALUES (4242, 'credit', 'credit', 'credit', 1, 2, 'AB', 'RUNNING',"
                        + " 50, '{}', 'carol', 1, 1)")) {
                    ps.executeUpdate();
                }
                CompletableFuture<Deployment> create = CompletableFuture.supplyAsync(() -> stores.deployments()
                        .create(Deployment.draft("credit", "credit", 3, 4, DeploymentMode.CANARY, 5, "{}", "alice")));
                // The store's insert now waits on the uncommitted row's unique running_name.
                Thread.sleep(500);
                assertThat(create).isNotDone();
                other.commit();
                assertFails(
                        () -> {
                            try {
                                create.get(30, TimeUnit.SECONDS);
                            } catch (ExecutionException e) {
                                throw e.getCause();
                            }
                        },
                        ErrorCode.RESOURCE_ALREADY_EXISTS,
                        "Served model 'credit' already has a RUNNING deployment: 4242 (ab of credit version 2");
            }
            assertThat(stores.deployments().list("credit", 10, null).items())
                    .extracting(Deployment::id)
                    .containsExactly(4242L);
        }
    }
}
