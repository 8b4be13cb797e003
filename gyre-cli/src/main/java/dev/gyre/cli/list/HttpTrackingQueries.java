package dev.gyre.cli.list;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.client.MlflowJson;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link TrackingQueries} answered by a tracking server (Gyre or MLflow) through MLflow's REST API. */
final class HttpTrackingQueries implements TrackingQueries {

    private final TrackingClient client;

    HttpTrackingQueries(TrackingClient client) {
        this.client = client;
    }

    @Override
    public Page<Experiment> searchExperiments(String filter, List<String> orderBy, int maxResults, String pageToken) {
        ObjectNode body = client.object().put("max_results", maxResults).put("view_type", "ACTIVE_ONLY");
        if (pageToken != null) {
            body.put("page_token", pageToken);
        }
        if (filter != null) {
            body.put("filter", filter);
        }
        addAll(body.putArray("order_by"), orderBy);
        return page(client.post("experiments/search", body), "experiments", MlflowJson::experiment);
    }

    @Override
    public Optional<Experiment> experimentByName(String name) {
        try {
            JsonNode found = client.get("experiments/get-by-name", Map.of("experiment_name", name));
            return Optional.of(MlflowJson.experiment(found.path("experiment")));
        } catch (GyreException e) {
            if (e.code() == ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Page<Run> searchRuns(
            List<String> experimentIds, String filter, List<String> orderBy, int maxResults, String pageToken) {
        ObjectNode body = client.object().put("max_results", maxResults).put("run_view_type", "ACTIVE_ONLY");
        if (pageToken != null) {
            body.put("page_token", pageToken);
        }
        addAll(body.putArray("experiment_ids"), experimentIds);
        if (filter != null) {
            body.put("filter", filter);
        }
        addAll(body.putArray("order_by"), orderBy);
        return page(client.post("runs/search", body), "runs", MlflowJson::run);
    }

    @Override
    public Page<RegisteredModel> searchRegisteredModels(
            String filter, List<String> orderBy, int maxResults, String pageToken) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("max_results", List.of(Integer.toString(maxResults)));
        if (pageToken != null) {
            query.put("page_token", List.of(pageToken));
        }
        if (filter != null) {
            query.put("filter", List.of(filter));
        }
        query.put("order_by", orderBy);
        return page(
                client.getMulti("registered-models/search", query), "registered_models", MlflowJson::registeredModel);
    }

    @Override
    public String source() {
        return client.baseUri().toString();
    }

    @Override
    public void close() {
        // The JDK HTTP client needs no closing for our short-lived use.
    }

    private static void addAll(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static <T> Page<T> page(JsonNode response, String field, Function<JsonNode, T> parse) {
        List<T> items = new ArrayList<>();
        response.path(field).forEach(item -> items.add(parse.apply(item)));
        String token = response.path("next_page_token").asText("");
        return new Page<>(items, token.isEmpty() ? Optional.empty() : Optional.of(token));
    }
}
