package dev.gyre.cli.list;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.Run;
import java.util.List;
import java.util.Optional;

/**
 * The read-only questions the list commands ask, answered either by a tracking server over HTTP
 * ({@link HttpTrackingQueries}) or by the local embedded store ({@link StoreTrackingQueries}), so that both give
 * the same tables and JSON.
 */
public interface TrackingQueries extends AutoCloseable {

    /** {@code pageToken} null asks for the first page. */
    Page<Experiment> searchExperiments(String filter, List<String> orderBy, int maxResults, String pageToken);

    Optional<Experiment> experimentByName(String name);

    Page<Run> searchRuns(
            List<String> experimentIds, String filter, List<String> orderBy, int maxResults, String pageToken);

    Page<RegisteredModel> searchRegisteredModels(String filter, List<String> orderBy, int maxResults, String pageToken);

    /** Where the answers come from, for messages: a URL or a store URI. */
    String source();

    @Override
    void close();
}
