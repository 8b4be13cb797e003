package dev.gyre.store.search;

import static dev.gyre.store.StoreAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser on its own: the tree it builds for each target. Errors are covered by the run-search contract. */
class SearchParserTest {

    @Test
    void parsesTheFullRunGrammar() {
        List<Comparison> c = SearchParser.parseFilter(
                "metrics.acc > 0.9 and params.lr = '0.01' and tags.\"my tag\""
                        + " LIKE 'x%' and attributes.status IN ('FINISHED','FAILED') and attributes.run_name ILIKE '%foo%'"
                        + " AND `tags`.`a b` IS NOT NULL AND Created <= -5e2 AND datasets.context NOT IN (\"train\")",
                SearchTarget.RUNS);
        assertThat(c)
                .containsExactly(
                        new Comparison(EntityType.METRIC, "acc", Comparator.GT, new SearchValue.Number("0.9")),
                        new Comparison(EntityType.PARAM, "lr", Comparator.EQ, new SearchValue.Text("0.01")),
                        new Comparison(EntityType.TAG, "my tag", Comparator.LIKE, new SearchValue.Text("x%")),
                        new Comparison(
                                EntityType.ATTRIBUTE,
                                "status",
                                Comparator.IN,
                                new SearchValue.TextList(List.of("FINISHED", "FAILED"))),
                        new Comparison(
                                EntityType.ATTRIBUTE, "run_name", Comparator.ILIKE, new SearchValue.Text("%foo%")),
                        new Comparison(EntityType.TAG, "a b", Comparator.IS_NOT_NULL, new SearchValue.None()),
                        new Comparison(
                                EntityType.ATTRIBUTE, "start_time", Comparator.LE, new SearchValue.Number("-5e2")),
                        new Comparison(
                                EntityType.DATASET,
                                "context",
                                Comparator.NOT_IN,
                                new SearchValue.TextList(List.of("train"))));
        assertThat(SearchParser.parseFilter("  ", SearchTarget.RUNS)).isEmpty();
        assertThat(SearchParser.parseFilter("params.x = 'it''s'", SearchTarget.RUNS)
                        .getFirst()
                        .value())
                .isEqualTo(new SearchValue.Text("it's"));
        assertThat(SearchParser.parseFilter("params.x <> 'a'", SearchTarget.RUNS)
                        .getFirst()
                        .comparator())
                .isEqualTo(Comparator.NE);
    }

    @Test
    void parsesOrderBy() {
        assertThat(SearchParser.parseOrderBy("metrics.`val loss` DESC", SearchTarget.RUNS))
                .isEqualTo(new OrderBy(EntityType.METRIC, "val loss", false));
        assertThat(SearchParser.parseOrderBy("created", SearchTarget.RUNS))
                .isEqualTo(new OrderBy(EntityType.ATTRIBUTE, "start_time", true));
        assertThat(SearchParser.parseOrderBy("timestamp desc", SearchTarget.REGISTERED_MODELS))
                .isEqualTo(new OrderBy(EntityType.ATTRIBUTE, "creation_timestamp", false));
        assertThat(SearchParser.parseOrderBy("version_number", SearchTarget.MODEL_VERSIONS))
                .isEqualTo(new OrderBy(EntityType.ATTRIBUTE, "version_number", true));
    }

    @Test
    void appliesEachTargetsVocabulary() {
        assertThat(SearchParser.parseFilter("tags.k = 'v' and creation_time > 5", SearchTarget.EXPERIMENTS))
                .extracting(Comparison::type)
                .containsExactly(EntityType.TAG, EntityType.ATTRIBUTE);
        assertInvalid(
                () -> SearchParser.parseFilter("params.k = 'v'", SearchTarget.EXPERIMENTS),
                "Invalid entity type 'params'. Valid entity types are ['attribute', 'tag', 'tags']");
        assertInvalid(
                () -> SearchParser.parseFilter("name > 'v'", SearchTarget.REGISTERED_MODELS), "Invalid comparator '>'");
        assertThat(SearchParser.parseFilter("run_id IN ('a','b')", SearchTarget.MODEL_VERSIONS)
                        .getFirst()
                        .value())
                .isEqualTo(new SearchValue.TextList(List.of("a", "b")));
        assertInvalid(
                () -> SearchParser.parseFilter("name IN ('a')", SearchTarget.MODEL_VERSIONS),
                "Invalid comparator 'IN' for attribute 'name'");
    }
}
