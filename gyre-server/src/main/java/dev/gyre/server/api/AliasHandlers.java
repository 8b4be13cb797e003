package dev.gyre.server.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.AliasChangeJson;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.ModelRegistryStore;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Gyre's alias endpoints beside MLflow's registry ({@code /api/2.0/gyre/registered-models/…}): a promotion moves an
 * alias and records who moved it and why; the alias history lists every recorded change, whichever API made it
 * (MLflow's set-alias and delete-alias are recorded too, without actor or reason).
 */
public final class AliasHandlers {

    /** The alias a promotion moves when the request names none. */
    public static final String DEFAULT_ALIAS = "champion";

    /** Page size of the history when {@code max_results} is absent. */
    static final int DEFAULT_PAGE = 100;

    private static final Set<String> PROMOTE = Set.of("name", "version", "alias", "reason", "actor");
    private static final Set<String> HISTORY = Set.of("name", "alias", "max_results", "page_token");

    private final ModelRegistryStore registry;

    public AliasHandlers(ModelRegistryStore registry) {
        this.registry = registry;
    }

    public void register(ApiRoutes routes) {
        routes.post("registered-models/promote", this::promote).get("registered-models/alias-history", this::history);
    }

    /** {@code {name, version, alias = "champion", reason, actor?}} → {@code {"alias_change": {...}}}. */
    private void promote(ApiExchange ex) {
        RequestFields f = ex.fields(PROMOTE);
        String name = f.requiredString("name");
        long version = Requests.version(f, "version");
        String alias = f.stringOr("alias", DEFAULT_ALIAS);
        String reason = f.requiredString("reason");
        if (reason.isBlank()) {
            throw GyreException.invalid("Parameter 'reason' must not be blank: say why the alias moves.");
        }
        String actor = f.optionalString("actor");
        if (actor != null && actor.isBlank()) {
            throw GyreException.invalid("Parameter 'actor' must not be blank when given.");
        }
        AliasChange change = registry.moveAlias(name, alias, version, actor, reason);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("alias_change", AliasChangeJson.write(change));
        send(ex, answer);
    }

    /** {@code ?name=&alias=&max_results=&page_token=}, newest first; without {@code alias}, every alias's changes. */
    private void history(ApiExchange ex) {
        RequestFields f = ex.fields(HISTORY);
        String name = f.requiredString("name");
        String alias = ExperimentHandlers.emptyToNull(f.optionalString("alias"));
        int maxResults = f.int32Or("max_results", DEFAULT_PAGE);
        String pageToken = ExperimentHandlers.emptyToNull(f.optionalString("page_token"));
        Page<AliasChange> page = registry.searchAliasHistory(name, alias, maxResults, pageToken);
        send(ex, AliasChangeJson.page(page));
    }

    private static void send(ApiExchange ex, ObjectNode answer) {
        ex.sendJsonBytes(answer.toString().getBytes(StandardCharsets.UTF_8));
    }
}
