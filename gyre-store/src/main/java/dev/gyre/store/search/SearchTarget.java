package dev.gyre.store.search;

import dev.gyre.core.error.GyreException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What is being searched, and so which entities, attributes and comparators a filter may use — the rules of
 * MLflow's {@code SearchUtils}, {@code SearchExperimentsUtils}, {@code SearchModelUtils} and
 * {@code SearchModelVersionUtils}, as data rather than subclasses.
 */
public enum SearchTarget {
    RUNS(
            Map.ofEntries(
                    Map.entry("metric", EntityType.METRIC), Map.entry("metrics", EntityType.METRIC),
                    Map.entry("parameter", EntityType.PARAM), Map.entry("parameters", EntityType.PARAM),
                    Map.entry("param", EntityType.PARAM), Map.entry("params", EntityType.PARAM),
                    Map.entry("tag", EntityType.TAG), Map.entry("tags", EntityType.TAG),
                    Map.entry("attribute", EntityType.ATTRIBUTE), Map.entry("attributes", EntityType.ATTRIBUTE),
                    Map.entry("attr", EntityType.ATTRIBUTE), Map.entry("run", EntityType.ATTRIBUTE),
                    Map.entry("dataset", EntityType.DATASET), Map.entry("datasets", EntityType.DATASET)),
            List.of("metric", "parameter", "tag", "attribute", "dataset"),
            Set.of(
                    "run_id",
                    "run_name",
                    "status",
                    "user_id",
                    "start_time",
                    "end_time",
                    "artifact_uri",
                    "lifecycle_stage"),
            Set.of(
                    "run_id",
                    "run_name",
                    "status",
                    "user_id",
                    "start_time",
                    "end_time",
                    "artifact_uri",
                    "lifecycle_stage",
                    "experiment_id"),
            Set.of("start_time", "end_time"),
            Map.of(
                    "created",
                    "start_time",
                    "Created",
                    "start_time",
                    "run name",
                    "run_name",
                    "Run name",
                    "run_name",
                    "Run Name",
                    "run_name"),
            Set.of("end_time", "run_name", "user_id")),
    EXPERIMENTS(
            Map.of(
                    "attribute",
                    EntityType.ATTRIBUTE,
                    "attributes",
                    EntityType.ATTRIBUTE,
                    "tag",
                    EntityType.TAG,
                    "tags",
                    EntityType.TAG),
            List.of("attribute", "tag", "tags"),
            Set.of("name", "creation_time", "last_update_time"),
            Set.of("name", "experiment_id", "creation_time", "last_update_time"),
            Set.of("creation_time", "last_update_time", "experiment_id"),
            Map.of(),
            Set.of()),
    REGISTERED_MODELS(
            Map.of(
                    "attribute",
                    EntityType.ATTRIBUTE,
                    "attributes",
                    EntityType.ATTRIBUTE,
                    "tag",
                    EntityType.TAG,
                    "tags",
                    EntityType.TAG),
            List.of("attribute", "tag", "tags"),
            Set.of("name"),
            Set.of("name", "creation_timestamp", "last_updated_timestamp"),
            Set.of("creation_timestamp", "last_updated_timestamp"),
            Map.of("timestamp", "creation_timestamp"),
            Set.of()),
    MODEL_VERSIONS(
            Map.of(
                    "attribute",
                    EntityType.ATTRIBUTE,
                    "attributes",
                    EntityType.ATTRIBUTE,
                    "tag",
                    EntityType.TAG,
                    "tags",
                    EntityType.TAG),
            List.of("attribute", "tag", "tags"),
            Set.of("name", "run_id", "source_path", "version_number"),
            Set.of("name", "version_number", "creation_timestamp", "last_updated_timestamp"),
            Set.of("version_number", "creation_timestamp", "last_updated_timestamp"),
            Map.of("timestamp", "creation_timestamp"),
            Set.of());

    private static final Set<Comparator> NUMERIC =
            EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.LT, Comparator.GT, Comparator.LE, Comparator.GE);
    private static final Set<Comparator> STRING =
            EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.LIKE, Comparator.ILIKE);
    private static final Set<Comparator> STRING_OR_LIST = EnumSet.of(
            Comparator.EQ, Comparator.NE, Comparator.LIKE, Comparator.ILIKE, Comparator.IN, Comparator.NOT_IN);
    private static final Set<Comparator> EQUALITY_OR_LIST =
            EnumSet.of(Comparator.EQ, Comparator.NE, Comparator.IN, Comparator.NOT_IN);
    private static final Set<Comparator> NULL_CHECKS = EnumSet.of(Comparator.IS_NULL, Comparator.IS_NOT_NULL);

    private final Map<String, EntityType> entityWords;
    private final List<String> entityNamesForMessages;
    private final Set<String> searchableAttributes;
    private final Set<String> orderableAttributes;
    private final Set<String> numericAttributes;
    private final Map<String, String> attributeAliases;
    private final Set<String> nullableAttributes;

    SearchTarget(
            Map<String, EntityType> entityWords,
            List<String> entityNamesForMessages,
            Set<String> searchableAttributes,
            Set<String> orderableAttributes,
            Set<String> numericAttributes,
            Map<String, String> attributeAliases,
            Set<String> nullableAttributes) {
        this.entityWords = entityWords;
        this.entityNamesForMessages = entityNamesForMessages;
        this.searchableAttributes = searchableAttributes;
        this.orderableAttributes = orderableAttributes;
        this.numericAttributes = numericAttributes;
        this.attributeAliases = attributeAliases;
        this.nullableAttributes = nullableAttributes;
    }

    /** Resolves the part before the dot ({@code metrics}, {@code attr}, …); null means an attribute. */
    EntityType entity(String word) {
        if (word == null) {
            return EntityType.ATTRIBUTE;
        }
        EntityType type = entityWords.get(word);
        if (type == null) {
            String valid = this == RUNS ? "Valid values are " : "Valid entity types are ";
            throw GyreException.invalid("Invalid entity type '" + word + "'. " + valid
                    + entityNamesForMessages.stream().map(n -> "'" + n + "'").toList());
        }
        return type;
    }

    /** Canonical attribute key for a filter, or an error listing the valid ones. */
    String searchableAttribute(String key) {
        return attribute(key, searchableAttributes);
    }

    String orderableAttribute(String key) {
        return attribute(key, orderableAttributes);
    }

    private String attribute(String key, Set<String> valid) {
        String canonical = attributeAliases.getOrDefault(key, key);
        if (!valid.contains(canonical)) {
            Set<String> shown = new TreeSet<>(valid);
            attributeAliases.forEach((alias, target) -> {
                if (valid.contains(target)) {
                    shown.add(alias);
                }
            });
            throw GyreException.invalid(
                    "Invalid attribute key '" + key + "' specified. Valid keys are '" + shown + "'");
        }
        return canonical;
    }

    public boolean isNumericAttribute(String key) {
        return numericAttributes.contains(key);
    }

    /** The comparators MLflow accepts for this entity and key; IS [NOT] NULL where a value may be absent. */
    Set<Comparator> comparators(EntityType type, String key) {
        Set<Comparator> result =
                switch (type) {
                    case METRIC -> EnumSet.copyOf(NUMERIC);
                    case PARAM, TAG -> union(STRING, this == RUNS || type == EntityType.TAG ? NULL_CHECKS : Set.of());
                    case DATASET -> EnumSet.copyOf(STRING_OR_LIST);
                    case ATTRIBUTE -> {
                        if (isNumericAttribute(key)) {
                            yield union(NUMERIC, nullableAttributes.contains(key) ? NULL_CHECKS : Set.of());
                        }
                        if (this == MODEL_VERSIONS && key.equals("run_id")) {
                            yield EnumSet.copyOf(EQUALITY_OR_LIST);
                        }
                        Set<Comparator> base = this == RUNS ? STRING_OR_LIST : STRING;
                        yield union(base, nullableAttributes.contains(key) ? NULL_CHECKS : Set.of());
                    }
                };
        return result;
    }

    private static Set<Comparator> union(Set<Comparator> a, Set<Comparator> b) {
        EnumSet<Comparator> s = EnumSet.noneOf(Comparator.class);
        s.addAll(a);
        s.addAll(b);
        return s;
    }

    /**
     * Whether {@code IN (...)} is allowed: dataset keys, and string attributes of runs (MLflow 2.17 lets only
     * run_id take a list; Gyre also accepts e.g. {@code status IN ('FINISHED', 'FAILED')}), and run_id of
     * model versions.
     */
    boolean supportsList(EntityType type, String key) {
        return switch (type) {
            case DATASET -> true;
            case ATTRIBUTE -> this == RUNS ? !isNumericAttribute(key) : key.equals("run_id");
            default -> false;
        };
    }

    /** Whether order-by may name this entity type (experiments and registry: attributes only). */
    boolean orderableEntity(EntityType type) {
        return this == RUNS ? type != EntityType.DATASET : type == EntityType.ATTRIBUTE;
    }
}
