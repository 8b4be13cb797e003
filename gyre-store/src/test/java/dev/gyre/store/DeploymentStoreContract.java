package dev.gyre.store;

import static dev.gyre.store.StoreAssertions.assertFails;
import static dev.gyre.store.StoreAssertions.assertInvalid;
import static dev.gyre.store.StoreAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.core.deploy.Deployment;
import dev.gyre.core.deploy.DeploymentEvent;
import dev.gyre.core.deploy.DeploymentMode;
import dev.gyre.core.deploy.DeploymentState;
import dev.gyre.core.deploy.DeploymentUpdate;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.store.sql.SqlMetadataStores;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link DeploymentStore} contract: creation with its first event, one running deployment per served name,
 * steps and endings recorded with the deployment in one transaction, gap-free sequence numbers under concurrent
 * writers, paging, validation, and history that survives reopening the store.
 */
public abstract class DeploymentStoreContract extends StoreContractSupport {
    private static final String SETTINGS = "{\"steps\":[5,25,50,100],\"max_error_rate\":0.01}";

    private DeploymentStore deployments;

    /**
     * A backend-store URI for a database that outlives the stores opened on it (an H2 file, a PostgreSQL database),
     * for the reopening test; it need not be empty.
     */
    protected abstract String durableBackendUri();

    @BeforeAll
    void bindStore() {
        deployments = stores.deployments();
    }

    private static Deployment draft(String name, DeploymentMode mode, int weight) {
        return Deployment.draft(name, "credit", 3, 4, mode, weight, SETTINGS, "alice");
    }

    @Test
    void createsARunningDeploymentWithItsCreatedEvent() {
        String name = unique("credit");
        long before = System.currentTimeMillis();
        Deployment d = deployments.create(
                draft(name, DeploymentMode.CANARY, 5), "rolling out the retrained model", "{\"ticket\":\"OPS-12\"}");
        assertThat(d.id()).isPositive();
        assertThat(d.name()).isEqualTo(name);
        assertThat(d.registeredModel()).isEqualTo("credit");
        assertThat(d.stableVersion()).isEqualTo(3);
        assertThat(d.candidateVersion()).isEqualTo(4);
        assertThat(d.mode()).isEqualTo(DeploymentMode.CANARY);
        assertThat(d.state()).isEqualTo(DeploymentState.RUNNING);
        assertThat(d.candidateWeightPercent()).isEqualTo(5);
        assertThat(d.settings()).isEqualTo(SETTINGS);
        assertThat(d.createdBy()).isEqualTo("alice");
        assertThat(d.createdAt()).isBetween(before, System.currentTimeMillis());
        assertThat(d.updatedAt()).isEqualTo(d.createdAt());

        assertThat(deployments.get(d.id())).isEqualTo(d);
        assertThat(deployments.findActive(name)).contains(d);
        assertThat(deployments.events(d.id()))
                .containsExactly(new DeploymentEvent(
                        d.id(),
                        1,
                        d.createdAt(),
                        DeploymentEvent.CREATED,
                        5,
                        "alice",
                        "rolling out the retrained model",
                        "{\"ticket\":\"OPS-12\"}"));

        Deployment shadow = deployments.create(draft(unique("shadowed"), DeploymentMode.SHADOW, 100));
        assertThat(shadow.id()).isGreaterThan(d.id());
        DeploymentEvent created = deployments.events(shadow.id()).getFirst();
        assertThat(created.reason()).isEqualTo("shadow of credit version 4 against version 3 at 100%");
        assertThat(created.details()).isNull();
        assertThat(deployments.findActive(unique("never"))).isEmpty();
    }

    @Test
    void allowsOneRunningDeploymentPerServedName() {
        String name = unique("one-running");
        Deployment first = deployments.create(draft(name, DeploymentMode.CANARY, 10));
        assertFails(
                () -> deployments.create(draft(name, DeploymentMode.AB, 50)),
                ErrorCode.RESOURCE_ALREADY_EXISTS,
                "Served model '" + name + "' already has a RUNNING deployment: " + first.id()
                        + " (canary of credit version 4 against version 3 at 10%)");
        // Another served name is independent.
        deployments.create(draft(unique("other"), DeploymentMode.AB, 50));

        deployments.finish(first.id(), DeploymentState.ABORTED, "bob", "wrong candidate");
        assertThat(deployments.findActive(name)).isEmpty();
        Deployment second = deployments.create(draft(name, DeploymentMode.AB, 50));
        assertThat(deployments.findActive(name)).contains(second);
        assertThat(deployments.list(name, 10, null).items())
                .extracting(Deployment::id, Deployment::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(second.id(), DeploymentState.RUNNING),
                        org.assertj.core.groups.Tuple.tuple(first.id(), DeploymentState.ABORTED));
    }

    @Test
    void concurrentCreatesForOneNameLeaveOneRunning() throws Exception {
        String name = unique("race-create");
        List<Object> outcomes = race(8, i -> deployments.create(draft(name, DeploymentMode.CANARY, i)));
        List<Deployment> created = outcomes.stream()
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .toList();
        assertThat(created).hasSize(1);
        assertThat(outcomes)
                .filteredOn(GyreException.class::isInstance)
                .hasSize(7)
                .allSatisfy(e -> assertThat(((GyreException) e).code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
        assertThat(deployments.findActive(name)).contains(created.getFirst());
        assertThat(deployments.list(name, 100, null).items()).hasSize(1);
    }

    @Test
    void stepsUpdateTheWeightAndAppendOrderedEvents() {
        Deployment d = deployments.create(draft(unique("stepped"), DeploymentMode.CANARY, 5));
        DeploymentUpdate s1 = deployments.recordStep(
                d.id(), 25, DeploymentEvent.STEP, "scheduler", "step 2 of 4", "{\"error_rate\":0.001}");
        assertThat(s1.deployment().candidateWeightPercent()).isEqualTo(25);
        assertThat(s1.deployment().state()).isEqualTo(DeploymentState.RUNNING);
        assertThat(s1.deployment().updatedAt()).isGreaterThanOrEqualTo(d.updatedAt());
        assertThat(s1.event().sequence()).isEqualTo(2);
        assertThat(s1.event().weightPercent()).isEqualTo(25);
        assertThat(s1.event().epochMillis()).isEqualTo(s1.deployment().updatedAt());

        DeploymentUpdate a = deployments.recordStep(
                d.id(), 25, DeploymentEvent.ANALYSIS, "canary-analysis", "latency within bounds", null);
        assertThat(a.event().sequence()).isEqualTo(3);
        DeploymentUpdate s2 =
                deployments.recordStep(d.id(), 50, DeploymentEvent.STEP, "scheduler", "step 3 of 4", null);
        assertThat(deployments.get(d.id())).isEqualTo(s2.deployment());
        assertThat(deployments.get(d.id()).candidateWeightPercent()).isEqualTo(50);

        List<DeploymentEvent> events = deployments.events(d.id());
        assertThat(events).extracting(DeploymentEvent::sequence).containsExactly(1, 2, 3, 4);
        assertThat(events).extracting(DeploymentEvent::kind).containsExactly("created", "step", "analysis", "step");
        assertThat(events).extracting(DeploymentEvent::weightPercent).containsExactly(5, 25, 25, 50);
        assertThat(events).extracting(DeploymentEvent::epochMillis).isSorted();
        assertThat(events.get(1)).isEqualTo(s1.event());
        assertThat(events.get(1).details()).isEqualTo("{\"error_rate\":0.001}");
        assertThat(events.get(2).actor()).isEqualTo("canary-analysis");
        assertThat(events.get(3).reason()).isEqualTo("step 3 of 4");
    }

    @Test
    void finishingEndsTheDeploymentOnceAndOnlyFromRunning() {
        Deployment promoted = deployments.create(draft(unique("promoted"), DeploymentMode.CANARY, 50));
        DeploymentUpdate p = deployments.finish(
                promoted.id(),
                DeploymentState.PROMOTED,
                DeploymentEvent.PROMOTED,
                "canary-analysis",
                "all steps passed",
                "{\"error_rate\":0.002}");
        assertThat(p.deployment().state()).isEqualTo(DeploymentState.PROMOTED);
        assertThat(p.deployment().candidateWeightPercent()).isEqualTo(100);
        assertThat(p.event().kind()).isEqualTo("promoted");
        assertThat(p.event().sequence()).isEqualTo(2);
        assertThat(p.event().weightPercent()).isEqualTo(100);
        assertThat(deployments.findActive(promoted.name())).isEmpty();
        assertThat(deployments.get(promoted.id())).isEqualTo(p.deployment());

        assertFails(
                () -> deployments.finish(promoted.id(), DeploymentState.ABORTED, "bob", "too late"),
                ErrorCode.INVALID_STATE,
                "Deployment " + promoted.id() + " of '" + promoted.name() + "' is PROMOTED, not RUNNING");
        assertFails(
                () -> deployments.recordStep(promoted.id(), 10, "step", "bob", "after the end", null),
                ErrorCode.INVALID_STATE,
                "is PROMOTED, not RUNNING: it cannot take a step");
        assertThat(deployments.events(promoted.id())).hasSize(2);

        Deployment rolledBack = deployments.create(draft(unique("rolled"), DeploymentMode.CANARY, 25));
        DeploymentUpdate r = deployments.finish(
                rolledBack.id(),
                DeploymentState.ROLLED_BACK,
                DeploymentEvent.ANALYSIS,
                "canary-analysis",
                "error rate 4% > 1%",
                "{\"error_rate\":0.04}");
        assertThat(r.deployment().state()).isEqualTo(DeploymentState.ROLLED_BACK);
        assertThat(r.deployment().candidateWeightPercent()).isZero();
        assertThat(r.event().kind()).isEqualTo("analysis");
        assertFails(
                () -> deployments.finish(rolledBack.id(), DeploymentState.PROMOTED, "bob", "override"),
                ErrorCode.INVALID_STATE,
                "is ROLLED_BACK, not RUNNING: it cannot finish as PROMOTED");

        Deployment aborted = deployments.create(draft(unique("aborted"), DeploymentMode.AB, 50));
        DeploymentUpdate x = deployments.finish(aborted.id(), DeploymentState.ABORTED, "bob", "wrong model");
        assertThat(x.event().kind()).isEqualTo("aborted");
        assertThat(x.deployment().candidateWeightPercent()).isZero();
        assertThat(deployments.events(aborted.id()))
                .extracting(DeploymentEvent::kind)
                .containsExactly("created", "aborted");
    }

    @Test
    void concurrentStepsGetConsecutiveSequenceNumbers() throws Exception {
        Deployment d = deployments.create(draft(unique("race-steps"), DeploymentMode.CANARY, 0));
        int n = 8;
        List<Object> outcomes =
                race(n, i -> deployments.recordStep(d.id(), 10 + i, "step", "worker-" + i, "parallel step " + i, null));
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(DeploymentUpdate.class));
        List<Integer> sequences = outcomes.stream()
                .map(o -> ((DeploymentUpdate) o).event().sequence())
                .toList();
        assertThat(sequences)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(2, n + 1).boxed().toList());

        List<DeploymentEvent> events = deployments.events(d.id());
        assertThat(events)
                .extracting(DeploymentEvent::sequence)
                .containsExactlyElementsOf(
                        IntStream.rangeClosed(1, n + 1).boxed().toList());
        // The deployment's weight is the one of the last event written.
        assertThat(deployments.get(d.id()).candidateWeightPercent())
                .isEqualTo(events.getLast().weightPercent());
    }

    @Test
    void listsNewestFirstAndPages() {
        String name = unique("paged");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Deployment d = deployments.create(draft(name, DeploymentMode.CANARY, i));
            ids.add(d.id());
            deployments.finish(d.id(), DeploymentState.ROLLED_BACK, "bob", "round " + i);
        }
        Page<Deployment> first = deployments.list(name, 2, null);
        assertThat(first.items()).extracting(Deployment::id).containsExactly(ids.get(4), ids.get(3));
        Page<Deployment> second =
                deployments.list(name, 2, first.nextPageToken().orElseThrow());
        assertThat(second.items()).extracting(Deployment::id).containsExactly(ids.get(2), ids.get(1));
        Page<Deployment> last = deployments.list(name, 2, second.nextPageToken().orElseThrow());
        assertThat(last.items()).extracting(Deployment::id).containsExactly(ids.get(0));
        assertThat(last.nextPageToken()).isEmpty();
        assertThat(deployments.list(name, 5, null).nextPageToken()).isEmpty();
        assertThat(deployments.list(unique("nothing"), 10, null).items()).isEmpty();

        List<Deployment> all = new ArrayList<>();
        String token = null;
        do {
            Page<Deployment> page = deployments.list(null, 3, token);
            assertThat(page.items().size()).isLessThanOrEqualTo(3);
            all.addAll(page.items());
            token = page.nextPageToken().orElse(null);
        } while (token != null);
        assertThat(all).extracting(Deployment::id).doesNotHaveDuplicates().containsAll(ids);
        assertThat(all.stream().map(Deployment::id).toList()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void rejectsBadInputAndUnknownIdsAndWritesNothing() {
        Deployment d = deployments.create(draft(unique("bad"), DeploymentMode.CANARY, 5));
        assertInvalid(
                () -> deployments.recordStep(d.id(), 120, "step", "bob", "too much", null),
                "Deployment event weight percent must be between 0 and 100, got 120");
        assertInvalid(
                () -> deployments.recordStep(d.id(), -1, "step", "bob", "too little", null),
                "must be between 0 and 100, got -1");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 10, "step", "bob", "  ", null),
                "Deployment event reason must not be empty");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 10, "step", "bob", null, null),
                "Deployment event reason must not be empty");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 10, "step", "", "why", null),
                "Deployment event actor must not be empty");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 10, "Big Step", "bob", "why", null),
                "Deployment event kind must be a lower-case word");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 10, "step", "bob", "why", "[1,2]"),
                "Deployment event details must be a JSON object");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 10, "step", "bob", "r".repeat(5001), null),
                "Deployment event reason must be at most 5000 characters, got 5001");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 10, "created", "bob", "again", null),
                "The 'created' event is recorded by create");
        assertInvalid(
                () -> deployments.recordStep(d.id(), 100, "promoted", "bob", "done", null),
                "Event kind 'promoted' ends a deployment: record it with finish");
        assertInvalid(
                () -> deployments.finish(d.id(), DeploymentState.RUNNING, "step", "bob", "why", null),
                "A deployment finishes as PROMOTED, ROLLED_BACK or ABORTED, got RUNNING");
        assertInvalid(
                () -> deployments.finish(d.id(), DeploymentState.PROMOTED, "aborted", "bob", "why", null),
                "Event kind 'aborted' does not match the final state PROMOTED (expected 'promoted')");
        assertInvalid(
                () -> deployments.finish(d.id(), DeploymentState.ABORTED, "bob", " "),
                "Deployment event reason must not be empty");
        assertThat(deployments.events(d.id())).hasSize(1);
        assertThat(deployments.get(d.id())).isEqualTo(d);

        assertInvalid(() -> deployments.create(null), "Deployment cannot be null.");
        assertInvalid(
                () -> deployments.create(draft(unique("no-reason"), DeploymentMode.AB, 50), "", null),
                "Deployment event reason must not be empty");
        Deployment notDraft = new Deployment(
                7, unique("x"), "credit", 1, 2, DeploymentMode.AB, DeploymentState.RUNNING, 50, "{}", 1, 1, "bob");
        assertInvalid(() -> deployments.create(notDraft), "A new deployment must not have an id yet");
        Deployment ended = new Deployment(
                0, unique("x"), "credit", 1, 2, DeploymentMode.AB, DeploymentState.ABORTED, 0, "{}", 0, 0, "bob");
        assertInvalid(() -> deployments.create(ended), "A new deployment must be RUNNING, got ABORTED");
        assertInvalid(() -> deployments.get(0), "Deployment id must be a positive integer, got 0");
        assertInvalid(() -> deployments.findActive(" "), "Deployment name cannot be empty.");
        assertInvalid(() -> deployments.list(null, 0, null), "It must be at least 1, but got value 0");
        assertInvalid(() -> deployments.list(null, 1001, null), "It must be at most 1000, but got value 1001");
        assertInvalid(() -> deployments.list(null, 10, "garbage!"), "Invalid page token");

        long unknown = 9_000_000_000L;
        assertNotFound(() -> deployments.get(unknown), "Deployment 9000000000 not found");
        assertNotFound(() -> deployments.events(unknown), "Deployment 9000000000 not found");
        assertNotFound(
                () -> deployments.recordStep(unknown, 10, "step", "bob", "why", null),
                "Deployment 9000000000 not found");
        assertNotFound(
                () -> deployments.finish(unknown, DeploymentState.PROMOTED, "bob", "why"),
                "Deployment 9000000000 not found");
    }

    @Test
    void historySurvivesReopeningTheStore() {
        String uri = durableBackendUri();
        String name = unique("durable");
        long id;
        try (MetadataStores first = SqlMetadataStores.open(uri, ARTIFACT_ROOT)) {
            DeploymentStore store = first.deployments();
            id = store.create(draft(name, DeploymentMode.CANARY, 5), "start", null)
                    .id();
            store.recordStep(id, 25, "step", "scheduler", "step 2", "{\"p99_ms\":41}");
            store.finish(id, DeploymentState.PROMOTED, "canary-analysis", "healthy at every step");
        }
        try (MetadataStores reopened = SqlMetadataStores.open(uri, ARTIFACT_ROOT)) {
            DeploymentStore store = reopened.deployments();
            Deployment d = store.get(id);
            assertThat(d.name()).isEqualTo(name);
            assertThat(d.state()).isEqualTo(DeploymentState.PROMOTED);
            assertThat(d.candidateWeightPercent()).isEqualTo(100);
            assertThat(d.settings()).isEqualTo(SETTINGS);
            List<DeploymentEvent> events = store.events(id);
            assertThat(events).extracting(DeploymentEvent::kind).containsExactly("created", "step", "promoted");
            assertThat(events)
                    .extracting(DeploymentEvent::reason)
                    .containsExactly("start", "step 2", "healthy at every step");
            assertThat(events.get(1).details()).isEqualTo("{\"p99_ms\":41}");
            assertThat(store.findActive(name)).isEmpty();
            // Ids keep counting after a restart.
            Deployment next = store.create(draft(name, DeploymentMode.AB, 50));
            assertThat(next.id()).isGreaterThan(id);
        }
    }

    @FunctionalInterface
    private interface Call {
        Object run(int i);
    }

    /** Runs {@code n} calls released at the same moment; each outcome is the result or the GyreException thrown. */
    private static List<Object> race(int n, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Object> task = () -> {
                    start.await();
                    try {
                        return call.run(index);
                    } catch (GyreException e) {
                        return e;
                    }
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    throw new AssertionError("a racing call failed unexpectedly", e.getCause());
                }
            }
            return out;
        }
    }
}
