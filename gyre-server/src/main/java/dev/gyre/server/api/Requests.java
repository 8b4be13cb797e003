package dev.gyre.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.core.tracking.ViewType;
import dev.gyre.server.json.RequestFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Request pieces shared by several endpoints: tags, enums given by name or proto number, model versions. */
final class Requests {

    static final Set<String> KEY_VALUE = Set.of("key", "value");

    private Requests() {}

    /** A list of {@code {key, value}} objects; a missing key is refused, a missing value is {@code ""}. */
    static List<Tag> tags(RequestFields fields, String name) {
        List<RequestFields> entries = fields.objectList(name);
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Tag> tags = new ArrayList<>(entries.size());
        for (RequestFields entry : entries) {
            entry.allowOnly(KEY_VALUE);
            tags.add(new Tag(entry.requiredString("key"), entry.stringOr("value", "")));
        }
        return tags;
    }

    /** {@code ACTIVE_ONLY} (default), {@code DELETED_ONLY}, {@code ALL}, or their proto numbers 1–3. */
    static ViewType viewType(RequestFields fields, String name) {
        JsonNode raw = fields.raw(name);
        if (raw == null) {
            return ViewType.ACTIVE_ONLY;
        }
        String text = raw.asText().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "ACTIVE_ONLY", "1" -> ViewType.ACTIVE_ONLY;
            case "DELETED_ONLY", "2" -> ViewType.DELETED_ONLY;
            case "ALL", "3" -> ViewType.ALL;
            default -> throw fields.wrongType(name, raw, "one of ACTIVE_ONLY, DELETED_ONLY, ALL");
        };
    }

    /** A run status by name or proto number (RUNNING=1 … KILLED=5); null when absent. */
    static RunStatus runStatus(RequestFields fields, String name) {
        JsonNode raw = fields.raw(name);
        if (raw == null) {
            return null;
        }
        String text = raw.asText().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "RUNNING", "1" -> RunStatus.RUNNING;
            case "SCHEDULED", "2" -> RunStatus.SCHEDULED;
            case "FINISHED", "3" -> RunStatus.FINISHED;
            case "FAILED", "4" -> RunStatus.FAILED;
            case "KILLED", "5" -> RunStatus.KILLED;
            default -> throw fields.wrongType(name, raw, "one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED");
        };
    }

    static List<Stage> stages(RequestFields fields, String name) {
        List<String> names = fields.stringList(name);
        List<Stage> stages = new ArrayList<>(names.size());
        for (String stage : names) {
            stages.add(Stage.fromWire(stage));
        }
        return stages;
    }

    /** A model version number, a string on the wire ({@code "1"}); numbers are accepted too. */
    static long version(RequestFields fields, String name) {
        JsonNode raw = fields.raw(name);
        if (raw == null || (raw.isTextual() && raw.textValue().isEmpty())) {
            throw fields.missing(name);
        }
        if (raw.isIntegralNumber()) {
            return raw.longValue();
        }
        if (raw.isTextual()) {
            try {
                return Long.parseLong(raw.textValue().trim());
            } catch (NumberFormatException e) {
                throw GyreException.invalid("Model version must be an integer, got '" + raw.textValue() + "'");
            }
        }
        throw fields.wrongType(name, raw, "a string holding an integer");
    }
}
