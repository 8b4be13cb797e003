package dev.gyre.store;

import static dev.gyre.store.StoreAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.core.page.Page;
import dev.gyre.core.tracking.Dataset;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * search-runs: every operator, order-by, pagination and the parser's errors, over a fixed set of runs:
 *
 * <pre>
 * run  start  status    name       user  acc    loss  lr    model    team    "my tag"  dataset (context)
 * r0   100    FINISHED  alpha-run  u1    0.95   NaN   0.01  cnn      vision  x1        iris (training)
 * r1   200    FAILED    beta       u2    0.80   1.0   0.1   CNN-big  nlp     -         -        (ended)
 * r2   300    RUNNING   gamma-foo  u2    +Inf   -     0.01  -        -       -         wine (eval)
 * r3   400    FINISHED  delta      u1    -      -     -     -        vision  y2        -
 * r4   500    deleted run with acc 0.99
 * </pre>
 */
public abstract class RunSearchContract extends StoreContractSupport {
    private TrackingStore store;
    private String exp;
    private final List<String> r = new ArrayList<>();

    @BeforeAll
    void createRuns() {
        store = stores.tracking();
        exp = store.createExperiment(unique("search"), null, List.of());
        r.add(run(
                100,
                "alpha-run",
                "u1",
                List.of(new Metric("acc", 0.95, 1, 0), new Metric("loss", Double.NaN, 1, 0)),
                List.of(new Param("lr", "0.01"), new Param("model", "cnn")),
                List.of(new Tag("team", "vision"), new Tag("my tag", "x1"))));
        r.add(run(
                200,
                "beta",
                "u2",
                List.of(new Metric("acc", 0.80, 1, 0), new Metric("loss", 1.0, 1, 0)),
                List.of(new Param("lr", "0.1"), new Param("model", "CNN-big")),
                List.of(new Tag("team", "nlp"))));
        r.add(run(
                300,
                "gamma-foo",
                "u2",
                List.of(new Metric("acc", Double.POSITIVE_INFINITY, 1, 0)),
                List.of(new Param("lr", "0.01")),
                List.of()));
        r.add(run(
                400, "delta", "u1", List.of(), List.of(), List.of(new Tag("team", "vision"), new Tag("my tag", "y2"))));
        r.add(run(500, "deleted", "u1", List.of(new Metric("acc", 0.99, 1, 0)), List.of(), List.of()));
        store.updateRun(r.get(0), RunStatus.FINISHED, null, null);
        store.updateRun(r.get(1), RunStatus.FAILED, 250L, null);
        store.updateRun(r.get(3), RunStatus.FINISHED, null, null);
        store.deleteRun(r.get(4));
        store.logInputs(
                r.get(0),
                List.of(new DatasetInput(
                        new Dataset("iris", "d1", "local", "iris.csv", null, null),
                        List.of(new Tag("mlflow.data.context", "training")))));
        store.logInputs(
                r.get(2),
                List.of(new DatasetInput(
                        new Dataset("wine", "d2", "local", "wine.csv", null, null),
                        List.of(new Tag("mlflow.data.context", "eval")))));
    }

    private String run(long start, String name, String user, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        String id = store.createRun(exp, user, start, List.of(), name).info().runId();
        store.logBatch(id, metrics, params, tags);
        return id;
    }

    /** The indexes (0..4 for r0..r4) of the runs a search returns, in order. */
    private List<Integer> search(String filter, List<String> orderBy, ViewType view) {
        return store.searchRuns(List.of(exp), filter, view, 100, orderBy, null).items().stream()
                .map(run -> r.indexOf(run.info().runId()))
                .toList();
    }

    private List<Integer> search(String filter) {
        return search(filter, List.of(), ViewType.ACTIVE_ONLY);
    }

    private List<Integer> order(String... orderBy) {
        return search(null, List.of(orderBy), ViewType.ACTIVE_ONLY);
    }

    private static List<Integer> runs(String csv) {
        return csv.isBlank()
                ? List.of()
                : java.util.Arrays.stream(csv.split(" "))
                        .map(s -> Integer.parseInt(s.substring(1)))
                        .toList();
    }

    @Test
    void defaultOrderIsStartTimeDescending() {
        assertThat(search(null)).containsExactly(3, 2, 1, 0);
        assertThat(search("")).containsExactly(3, 2, 1, 0);
        assertThat(search(null, List.of(), ViewType.ALL)).containsExactly(4, 3, 2, 1, 0);
        assertThat(search(null, List.of(), ViewType.DELETED_ONLY)).containsExactly(4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            metrics.acc > 0.9                              | r2 r0
            metrics.acc >= 0.8                             | r2 r1 r0
            metrics.acc < 0.9                              | r1
            metrics.acc <= 0.8                             | r1
            metrics.acc = 0.8                              | r1
            metrics.acc != 0.8                             | r2 r0
            metric.acc > -1e3                              | r2 r1 r0
            metrics.loss < 5                               | r1
            metrics.loss != 1.0                            | r0
            metrics.missing > 0                            |
            params.lr = '0.01'                             | r2 r0
            params.lr = "0.01"                             | r2 r0
            param.lr != '0.01'                             | r1
            params.model LIKE 'cnn%'                       | r0
            params.model ILIKE 'cnn%'                      | r1 r0
            parameters.lr IS NULL                          | r3
            tags.team = 'vision'                           | r3 r0
            tag.team != 'vision'                           | r1
            tags."my tag" LIKE 'x%'                        | r0
            tags.`my tag` = 'y2'                           | r3
            tags.team IS NULL                              | r2
            tags.team IS NOT NULL                          | r3 r1 r0
            attributes.status IN ('FINISHED', 'FAILED')    | r3 r1 r0
            attributes.status NOT IN ('FINISHED')          | r2 r1
            attribute.status = 'RUNNING'                   | r2
            run.status != 'RUNNING'                        | r3 r1 r0
            attributes.run_name ILIKE '%FOO%'              | r2
            attributes.run_name LIKE '%FOO%'               |
            attr.run_name = 'beta'                         | r1
            attributes.`Run name` = 'delta'                | r3
            attributes.user_id = 'u1'                      | r3 r0
            attributes.start_time > 150                    | r3 r2 r1
            attributes.created >= 300                      | r3 r2
            start_time < 200                               | r0
            attributes.end_time IS NULL                    | r3 r2 r0
            attributes.end_time = 250                      | r1
            status = 'FINISHED'                            | r3 r0
            datasets.name = 'iris'                         | r0
            dataset.name IN ('iris', 'wine')               | r2 r0
            datasets.digest NOT IN ('d1')                  | r2
            datasets.context = 'eval'                      | r2
            datasets.name LIKE 'w%'                        | r2
            metrics.acc > 0.9 and params.lr = '0.01' and tags."my tag" LIKE 'x%' and attributes.status IN ('FINISHED','FAILED') and attributes.run_name ILIKE '%ALPHA%' | r0
            metrics.acc > 0.9 AND metrics.acc < 1e308      | r0
            """)
    void filtersWithEveryOperator(String filter, String expected) {
        assertThat(search(filter)).containsExactlyElementsOf(runs(expected == null ? "" : expected));
    }

    @Test
    void filtersByRunId() {
        assertThat(search("attributes.run_id IN ('" + r.get(0) + "', '" + r.get(1) + "')"))
                .containsExactly(1, 0);
        assertThat(search("attributes.run_id = '" + r.get(2) + "'")).containsExactly(2);
        assertThat(search("run_id NOT IN ('" + r.get(2) + "')")).containsExactly(3, 1, 0);
    }

    @Test
    void filtersSeeDeletedRunsOnlyWhenAsked() {
        assertThat(search("metrics.acc > 0.9", List.of(), ViewType.ALL)).containsExactly(4, 2, 0);
    }

    @Test
    void ordersByMetricsParamsTagsAndAttributes() {
        // Values first, then NaN, then runs without the metric (tie-break: start_time DESC), both directions.
        assertThat(order("metrics.acc DESC")).containsExactly(2, 0, 1, 3);
        assertThat(order("metrics.acc ASC")).containsExactly(1, 0, 2, 3);
        assertThat(order("metrics.loss")).containsExactly(1, 0, 3, 2);
        assertThat(order("metrics.loss DESC")).containsExactly(1, 0, 3, 2);
        assertThat(order("params.lr ASC")).containsExactly(2, 0, 1, 3);
        assertThat(order("params.lr DESC")).containsExactly(1, 2, 0, 3);
        assertThat(order("tags.team DESC")).containsExactly(3, 0, 1, 2);
        assertThat(order("attributes.start_time ASC")).containsExactly(0, 1, 2, 3);
        assertThat(order("start_time")).containsExactly(0, 1, 2, 3);
        assertThat(order("attributes.run_name ASC")).containsExactly(0, 1, 3, 2);
        assertThat(order("attributes.end_time DESC")).containsExactly(1, 3, 2, 0);
        assertThat(order("tags.team ASC", "metrics.acc DESC")).containsExactly(1, 0, 3, 2);
    }

    @Test
    void pagesThroughResults() {
        List<Integer> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Page<Run> page = store.searchRuns(List.of(exp), null, ViewType.ACTIVE_ONLY, 1, null, token);
            page.items().forEach(run -> seen.add(r.indexOf(run.info().runId())));
            token = page.nextPageToken().orElse(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(4);
        assertThat(seen).containsExactly(3, 2, 1, 0);

        Page<Run> firstTwo = store.searchRuns(
                List.of(exp), "metrics.acc > 0", ViewType.ACTIVE_ONLY, 2, List.of("metrics.acc DESC"), null);
        assertThat(firstTwo.items()).hasSize(2);
        Page<Run> rest = store.searchRuns(
                List.of(exp),
                "metrics.acc > 0",
                ViewType.ACTIVE_ONLY,
                2,
                List.of("metrics.acc DESC"),
                firstTwo.nextPageToken().orElseThrow());
        assertThat(rest.items()).extracting(x -> r.indexOf(x.info().runId())).containsExactly(1);
        assertThat(rest.nextPageToken()).isEmpty();
    }

    @Test
    void returnsRunsWithTheirData() {
        Run r0 = store.searchRuns(List.of(exp), "attributes.run_name = 'alpha-run'", ViewType.ALL, 10, null, null)
                .items()
                .getFirst();
        assertThat(r0).isEqualTo(store.getRun(r.get(0)));
        assertThat(r0.inputs()).hasSize(1);
        assertThat(r0.data().params()).hasSize(2);
    }

    @Test
    void searchesSeveralExperimentsAndIgnoresUnknownOnes() {
        String other = store.createExperiment(unique("other"), null, List.of());
        String extra = store.createRun(other, "u", 50, List.of(), "zeta").info().runId();
        List<Run> both = store.searchRuns(
                        List.of(exp, other, "424242", "not-a-number"), null, ViewType.ACTIVE_ONLY, 100, null, null)
                .items();
        assertThat(both).hasSize(5);
        assertThat(both.getLast().info().runId()).isEqualTo(extra);
        assertThat(store.searchRuns(List.of(), null, ViewType.ALL, 10, null, null)
                        .items())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            metrics.acc > 0.9 OR params.lr = '1'           | Invalid clause(s) in filter string: 'OR'
            foo.bar = 1                                    | Invalid entity type 'foo'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']
            attributes.bogus = 'x'                         | Invalid attribute key 'bogus' specified. Valid keys are
            datasets.size = 'x'                            | Invalid dataset key 'size' specified
            metrics.acc > 'x'                              | Expected numeric value type for metric. Found 'x'
            params.lr = 0.01                               | Expected a quoted string value for parameter (e.g. 'my-value'). Got value 0.01
            tags.team = vision                             | Expected a quoted string value for tag (e.g. 'my-value'). Got value vision
            attributes.start_time > 'x'                    | Expected numeric value type for numeric attribute: start_time. Found 'x'
            attributes.status = 3                          | Expected a quoted string value for attributes. Got value 3
            metrics.acc LIKE 1                             | Invalid comparator 'LIKE' not one of '[!=, <, <=, =, >, >=]'
            params.lr > '1'                                | Invalid comparator '>' not one of
            attributes.status IN ('A') AND tags.t IN ('x') | Invalid comparator 'IN' for tag 't'
            attributes.start_time IN ('1')                 | Invalid comparator 'IN' for attribute 'start_time'
            attributes.run_id IN ()                        | expected a non-empty list of string values, but got empty list
            attributes.run_id IN ('a' 'b')                 | expected ',' or ')' in the list, but found ''b'' at position
            params.lr = 'unterminated                      | unterminated quoted text starting with ' at position 12
            metrics.acc >                                  | expected a value, but found end of input at position 13
            metrics.acc > 1 params.lr = '1'                | expected AND or the end of the filter, but found 'params.lr' at position 16
            metrics.acc 1                                  | expected a comparison operator (=, !=, <, >, <=, >=, LIKE, ILIKE, IN, NOT IN), but found '1' at position 12
            (metrics.acc > 1)                              | expected an identifier such as metrics.<key>
            metrics.acc > 1 AND                            | expected an identifier such as metrics.<key>, params.<key>, tags.<key> or attributes.<key>, but found end of input at position 19
            metrics.acc ~ 1                                | unexpected character '~' at position 12
            metrics.acc > 1x                               | invalid number '1x'
            """)
    void rejectsBadFiltersNamingTheBadToken(String filter, String message) {
        assertInvalid(() -> search(filter), message);
    }

    @Test
    void rejectsBadOrderByAndPaging() {
        assertInvalid(
                () -> order("metrics.acc sideways"), "Invalid ordering key in order_by clause 'metrics.acc sideways'.");
        assertInvalid(
                () -> order("metrics.acc DESC extra"),
                "Invalid order_by clause 'metrics.acc DESC extra'. Could not be parsed.");
        assertInvalid(() -> order("datasets.name"), "Invalid order_by entity: dataset");
        assertInvalid(() -> order("attributes.nope"), "Invalid attribute key 'nope' specified");
        assertInvalid(() -> order(""), "Could not be parsed");
        assertInvalid(
                () -> store.searchRuns(List.of(exp), null, ViewType.ALL, 50_001, null, null),
                "Invalid value for request parameter max_results. It must be at most 50000, but got value 50001");
        assertInvalid(() -> store.searchRuns(List.of(exp), null, ViewType.ALL, 0, null, null), "max_results");
        assertInvalid(() -> store.searchRuns(List.of(exp), null, ViewType.ALL, 10, null, "%%%"), "Invalid page token");
        assertInvalid(
                () -> store.searchRuns(List.of(exp), null, ViewType.ALL, 10, null, "aGVsbG8="), "Invalid page token");
        assertThat(store.searchRuns(List.of(exp), null, ViewType.ALL, 50_000, null, null)
                        .items())
                .hasSize(5);
    }
}
