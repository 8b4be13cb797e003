package dev.gyre.train.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import dev.gyre.store.Validation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns a parsed gyre.yaml tree into a {@link Project}, checking every key and value on the way and collecting every
 * problem in {@link Problems} instead of stopping at the first. Task-dependent checks (metric names, stratification,
 * the positive class) are skipped while the task itself is invalid, so one mistake does not cascade. One instance
 * reads one file.
 */
final class ProjectReader {

    private static final List<String> TOP_KEYS = List.of(
            "name",
            "task",
            "target",
            "positive_class",
            "features",
            "exclude",
            "data",
            "split",
            "pipeline",
            "model",
            "baselines",
            "targets",
            "tuning",
            "resources",
            "registry");
    private static final List<String> DATA_KEYS = List.of("train", "test");
    private static final List<String> SPLIT_KEYS =
            List.of("method", "seed", "validation", "test", "stratify", "time_column");
    private static final List<String> MODEL_KEYS =
            List.of("trainer", "rounds", "early_stopping_rounds", "seed", "params");
    private static final List<String> TARGET_KEYS = List.of("quality", "serving");
    private static final List<String> TUNING_KEYS = List.of("method", "trials", "time_budget", "parallelism", "space");
    private static final List<String> RESOURCE_KEYS = List.of("max_time", "max_memory_mb");
    private static final List<String> REGISTRY_KEYS = List.of("model", "alias");
    private static final List<String> RANGE_KINDS = List.of("int", "uniform", "log_uniform", "choice");
    /** Trainer parameters that have their own key, so that a value cannot be set in two places. */
    private static final Map<String, String> OWN_KEYS = Map.of(
            "seed", "model.seed",
            "random_state", "model.seed",
            "num_round", "model.rounds",
            "num_boost_round", "model.rounds",
            "n_estimators", "model.rounds",
            "early_stopping_rounds", "model.early_stopping_rounds");

    private final Path baseDir;
    private final Problems problems;

    ProjectReader(Path baseDir, Problems problems) {
        this.baseDir = baseDir;
        this.problems = problems;
    }

    /** The project, or {@code null} when {@link Problems} holds at least one problem. */
    Project read(JsonNode root) {
        if (!root.isObject()) {
            problems.at("", "a project file is a mapping of keys (name, task, target, data, …), was " + shown(root));
            return null;
        }
        onlyKeys(root, "", TOP_KEYS);
        String name = required(root, "name", "") ? text(root.get("name"), "name") : null;
        if (name != null) {
            validated("name", () -> Validation.experimentName(name));
        }
        Task task = required(root, "task", "") ? task(root.get("task")) : null;
        String target = required(root, "target", "") ? columnName(root.get("target"), "target") : null;
        Optional<String> positiveClass = positiveClass(root.get("positive_class"), task);
        FeatureSelection features = features(root, target);
        DataSpec data = data(root);
        SplitSpec split = split(field(root, "split"), task, data);
        JsonNode pipeline = field(root, "pipeline") == null ? TextNode.valueOf("auto") : root.get("pipeline");
        ModelSpec model = model(field(root, "model"));
        List<Baseline> baselines = baselines(field(root, "baselines"), task);
        TargetsSpec targets = targets(field(root, "targets"), task);
        ResourceLimits resources = resources(field(root, "resources"));
        Optional<TuningSpec> tuning = tuning(field(root, "tuning"), resources);
        RegistrySpec registry = registry(field(root, "registry"), name);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Project(
                name,
                task,
                target,
                positiveClass,
                features,
                data,
                split,
                pipeline,
                model,
                baselines,
                targets,
                tuning,
                resources,
                registry);
    }

    // ---- sections -------------------------------------------------------------------------------------------

    private Task task(JsonNode node) {
        List<String> labels = Arrays.stream(Task.values()).map(Task::label).toList();
        int chosen = choice(node, "task", "task", labels);
        return chosen < 0 ? null : Task.values()[chosen];
    }

    private Optional<String> positiveClass(JsonNode node, Task task) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String value = columnName(node, "positive_class");
        if (task != null && task != Task.BINARY) {
            problems.at("positive_class", "only for task: binary (task is " + task.label() + ")");
            return Optional.empty();
        }
        return Optional.ofNullable(value);
    }

    private FeatureSelection features(JsonNode root, String target) {
        JsonNode node = field(root, "features");
        JsonNode excludeNode = field(root, "exclude");
        if (node != null && node.isArray()) {
            if (excludeNode != null) {
                problems.at("exclude", "only with features: all (leave the columns out of the features list instead)");
            }
            List<String> names = names(node, "features");
            if (node.isEmpty()) {
                problems.at("features", "must list at least one column (or be 'all')");
            }
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(target)) {
                    problems.at(
                            "features[" + i + "]",
                            "'" + target + "' is the target; a model cannot take what it predicts as a feature");
                }
            }
            return names.isEmpty() ? null : new FeatureSelection.NamedColumns(names);
        }
        if (node != null && !(node.isTextual() && node.asText().equals("all"))) {
            problems.at("features", "must be 'all' or a list of column names, was " + shown(node));
        }
        List<String> exclude = excludeNode == null ? List.of() : names(excludeNode, "exclude");
        return new FeatureSelection.AllColumns(exclude);
    }

    private DataSpec data(JsonNode root) {
        if (!required(root, "data", "")) {
            return null;
        }
        JsonNode node = root.get("data");
        if (!mapping(node, "data", "with train (and optionally test)")) {
            return null;
        }
        onlyKeys(node, "data", DATA_KEYS);
        DataSource train = required(node, "train", "data") ? source(node.get("train"), "data.train") : null;
        JsonNode testNode = field(node, "test");
        Optional<DataSource> test =
                testNode == null ? Optional.empty() : Optional.ofNullable(source(testNode, "data.test"));
        return train == null ? null : new DataSpec(train, test);
    }

    private DataSource source(JsonNode node, String path) {
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        Optional<DataSource> source = DataSource.of(text, baseDir);
        if (source.isEmpty()) {
            problems.at(
                    path,
                    "'" + text + "' is not a dataset reference (expected datasets:/NAME or datasets:/NAME/VERSION,"
                            + " VERSION from 1)");
        }
        return source.orElse(null);
    }

    private SplitSpec split(JsonNode node, Task task, DataSpec data) {
        boolean separateTest = data != null && data.test().isPresent();
        JsonNode spec = node == null ? TextNode.valueOf("") : node;
        if (node != null && !mapping(node, "split", "with method, seed, validation, test, stratify, time_column")) {
            return null;
        }
        if (node != null) {
            onlyKeys(node, "split", SPLIT_KEYS);
        }
        int methodIndex = field(spec, "method") == null
                ? 0
                : choice(spec.get("method"), "split.method", "split method", List.of("random", "time"));
        SplitSpec.Method method = methodIndex < 0 ? null : SplitSpec.Method.values()[methodIndex];
        long seed = field(spec, "seed") == null
                ? SplitSpec.DEFAULT_SEED
                : orDefault(wholeNumber(spec.get("seed"), "split.seed", Long.MIN_VALUE), SplitSpec.DEFAULT_SEED);
        Double validation = field(spec, "validation") == null
                ? Double.valueOf(SplitSpec.DEFAULT_FRACTION)
                : fraction(spec.get("validation"), "split.validation");
        Double test;
        if (separateTest) {
            test = 0.0;
            if (field(spec, "test") != null) {
                problems.at(
                        "split.test",
                        "data.test is a separate test set, so the split makes no test part: remove split.test");
            }
        } else {
            test = field(spec, "test") == null
                    ? Double.valueOf(SplitSpec.DEFAULT_FRACTION)
                    : fraction(spec.get("test"), "split.test");
        }
        if (validation != null && test != null) {
            BigDecimal sum = BigDecimal.valueOf(validation).add(BigDecimal.valueOf(test));
            if (sum.compareTo(BigDecimal.ONE) >= 0) {
                problems.at(
                        "split",
                        "validation " + number(validation) + " + test " + number(test) + " = "
                                + sum.stripTrailingZeros().toPlainString()
                                + " leaves no rows to train on (the sum must be < 1)");
                validation = null;
            }
        }
        Boolean stratify = null;
        if (field(spec, "stratify") != null) {
            stratify = bool(spec.get("stratify"), "split.stratify");
            if (Boolean.TRUE.equals(stratify) && task == Task.REGRESSION) {
                problems.at("split.stratify", "only for classification (task is regression)");
            } else if (Boolean.TRUE.equals(stratify) && method == SplitSpec.Method.TIME) {
                problems.at("split.stratify", "only for method: random (a time split keeps time order)");
            }
        }
        Optional<String> timeColumn = Optional.empty();
        if (field(spec, "time_column") != null) {
            timeColumn = Optional.ofNullable(columnName(spec.get("time_column"), "split.time_column"));
            if (method == SplitSpec.Method.RANDOM) {
                problems.at("split.time_column", "only for method: time (method is random)");
            }
        } else if (method == SplitSpec.Method.TIME) {
            problems.at("split.time_column", "required for method: time (the column that orders the rows)");
        }
        if (method == null || validation == null || test == null || task == null || !problems.isEmpty()) {
            return null;
        }
        boolean stratified = stratify == null ? method == SplitSpec.Method.RANDOM && task.classification() : stratify;
        return new SplitSpec(method, seed, validation, test, stratified, timeColumn);
    }

    private ModelSpec model(JsonNode node) {
        if (node == null) {
            return ModelSpec.defaults();
        }
        if (!mapping(node, "model", "with trainer, rounds, early_stopping_rounds, seed, params")) {
            return null;
        }
        onlyKeys(node, "model", MODEL_KEYS);
        int trainerIndex = field(node, "trainer") == null
                ? 0
                : choice(node.get("trainer"), "model.trainer", "trainer", List.of("xgboost", "linear"));
        Long rounds = field(node, "rounds") == null
                ? Long.valueOf(ModelSpec.DEFAULT_ROUNDS)
                : wholeNumber(node.get("rounds"), "model.rounds", 1);
        Long earlyStopping = field(node, "early_stopping_rounds") == null
                ? Long.valueOf(ModelSpec.DEFAULT_EARLY_STOPPING_ROUNDS)
                : wholeNumber(node.get("early_stopping_rounds"), "model.early_stopping_rounds", 0);
        Long seed = field(node, "seed") == null
                ? Long.valueOf(SplitSpec.DEFAULT_SEED)
                : wholeNumber(node.get("seed"), "model.seed", Long.MIN_VALUE);
        Map<String, Object> params = new LinkedHashMap<>();
        JsonNode paramsNode = field(node, "params");
        if (paramsNode != null && mapping(paramsNode, "model.params", "of parameter names to values")) {
            for (Map.Entry<String, JsonNode> entry : paramsNode.properties()) {
                String path = "model.params." + entry.getKey();
                String own = OWN_KEYS.get(entry.getKey());
                if (own != null) {
                    problems.at(path, "set " + own + " instead");
                }
                Object value = scalar(entry.getValue(), path);
                if (value != null) {
                    params.put(entry.getKey(), value);
                }
            }
        }
        if (trainerIndex < 0 || rounds == null || earlyStopping == null || seed == null) {
            return null;
        }
        if (rounds > Integer.MAX_VALUE || earlyStopping > Integer.MAX_VALUE) {
            problems.at("model", "rounds are limited to " + Integer.MAX_VALUE);
            return null;
        }
        return new ModelSpec(
                ModelSpec.Trainer.values()[trainerIndex], rounds.intValue(), earlyStopping.intValue(), seed, params);
    }

    private List<Baseline> baselines(JsonNode node, Task task) {
        Set<Baseline> baselines = new LinkedHashSet<>();
        if (task != null) {
            baselines.add(Baseline.trivial(task));
        }
        if (node == null || !sequence(node, "baselines")) {
            return List.copyOf(baselines);
        }
        List<String> labels =
                Arrays.stream(Baseline.values()).map(Baseline::label).toList();
        for (int i = 0; i < node.size(); i++) {
            String path = "baselines[" + i + "]";
            int chosen = choice(node.get(i), path, "baseline", labels);
            if (chosen < 0) {
                continue;
            }
            Baseline baseline = Baseline.values()[chosen];
            if (task != null && !baseline.appliesTo(task)) {
                problems.at(
                        path,
                        baseline.label() + " does not apply to task " + task.label() + " (its trivial baseline is "
                                + Baseline.trivial(task).label() + ", always trained)");
            }
            baselines.add(baseline);
        }
        return List.copyOf(baselines);
    }

    private TargetsSpec targets(JsonNode node, Task task) {
        if (node == null) {
            return TargetsSpec.none();
        }
        if (!mapping(node, "targets", "with quality and serving lists")) {
            return null;
        }
        onlyKeys(node, "targets", TARGET_KEYS);
        List<MetricTarget> quality = metricTargets(field(node, "quality"), "targets.quality", task);
        List<MetricTarget> serving = metricTargets(field(node, "serving"), "targets.serving", null);
        return new TargetsSpec(quality, serving);
    }

    /** The targets of one list; {@code task} null for the serving list. */
    private List<MetricTarget> metricTargets(JsonNode node, String listPath, Task task) {
        List<MetricTarget> targets = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        if (node == null || !sequence(node, listPath)) {
            return targets;
        }
        boolean servingList = listPath.endsWith("serving");
        for (int i = 0; i < node.size(); i++) {
            String path = listPath + "[" + i + "]";
            String text = text(node.get(i), path);
            if (text == null) {
                continue;
            }
            MetricTarget target;
            try {
                target = MetricTarget.parse(text);
            } catch (IllegalArgumentException e) {
                problems.at(path, e.getMessage());
                continue;
            }
            if (servingList || task != null) {
                if (!knownMetric(target, path, servingList, task)) {
                    continue;
                }
                contradiction(target, path, targets, paths);
            }
            targets.add(target);
            paths.add(path);
        }
        return targets;
    }

    /** Whether the target's metric belongs in this list and its threshold can be met and matters. */
    private boolean knownMetric(MetricTarget target, String path, boolean servingList, Task task) {
        String metric = target.metric();
        List<String> expected = servingList ? KnownMetric.servingNames() : KnownMetric.qualityNames(task);
        Optional<KnownMetric> known = KnownMetric.named(metric);
        if (known.isEmpty()) {
            String scope = servingList ? "serving metric" : "metric for task " + task.label();
            problems.at(path, "unknown " + scope + " '" + metric + "'" + Suggestions.hint(metric, expected));
            return false;
        }
        KnownMetric info = known.get();
        if (servingList && !info.isServing()) {
            problems.at(path, metric + " is a quality metric: list it under targets.quality");
            return false;
        }
        if (!servingList && info.isServing()) {
            problems.at(path, metric + " is a serving metric: list it under targets.serving");
            return false;
        }
        if (!servingList && !info.appliesTo(task)) {
            problems.at(
                    path,
                    metric + " is not a " + task.label() + " metric (" + task.label() + " metrics: "
                            + String.join(", ", expected) + ")");
            return false;
        }
        if (info.neverMet(target)) {
            problems.at(path, "'" + target + "' can never be met: " + metric + " lies in " + info.range());
            return false;
        }
        if (info.alwaysMet(target)) {
            problems.at(
                    path,
                    "'" + target + "' is met by every model (" + metric + " lies in " + info.range()
                            + "), so it gates nothing");
            return false;
        }
        return true;
    }

    /** Reports a target that no value can meet together with an earlier one on the same metric. */
    private void contradiction(MetricTarget target, String path, List<MetricTarget> earlier, List<String> paths) {
        for (int i = 0; i < earlier.size(); i++) {
            MetricTarget other = earlier.get(i);
            if (!other.metric().equals(target.metric())
                    || other.comparison().higherIsBetter()
                            == target.comparison().higherIsBetter()) {
                continue;
            }
            MetricTarget lower = target.comparison().higherIsBetter() ? target : other;
            MetricTarget upper = lower == target ? other : target;
            boolean strict = lower.comparison() == MetricTarget.Comparison.ABOVE
                    || upper.comparison() == MetricTarget.Comparison.BELOW;
            if (lower.value() > upper.value() || (strict && lower.value() == upper.value())) {
                problems.at(
                        path,
                        "'" + target + "' contradicts '" + other + "' (" + paths.get(i) + "): no value meets both");
            }
        }
    }

    private ResourceLimits resources(JsonNode node) {
        if (node == null) {
            return ResourceLimits.none();
        }
        if (!mapping(node, "resources", "with max_time, max_memory_mb")) {
            return null;
        }
        onlyKeys(node, "resources", RESOURCE_KEYS);
        Optional<Duration> maxTime = field(node, "max_time") == null
                ? Optional.empty()
                : Optional.ofNullable(duration(node.get("max_time"), "resources.max_time"));
        OptionalLong memory = OptionalLong.empty();
        if (field(node, "max_memory_mb") != null) {
            Long mb = wholeNumber(node.get("max_memory_mb"), "resources.max_memory_mb", 1);
            memory = mb == null ? OptionalLong.empty() : OptionalLong.of(mb);
        }
        return new ResourceLimits(maxTime, memory);
    }

    private Optional<TuningSpec> tuning(JsonNode node, ResourceLimits resources) {
        if (node == null || !mapping(node, "tuning", "with method, trials, time_budget, parallelism, space")) {
            return Optional.empty();
        }
        onlyKeys(node, "tuning", TUNING_KEYS);
        int methodIndex = field(node, "method") == null
                ? 0
                : choice(node.get("method"), "tuning.method", "tuning method", List.of("random", "halving"));
        Long trials = field(node, "trials") == null
                ? Long.valueOf(TuningSpec.DEFAULT_TRIALS)
                : wholeNumber(node.get("trials"), "tuning.trials", 1);
        if (methodIndex == 1 && trials != null && trials < 2) {
            problems.at("tuning.trials", "halving needs at least 2 trials to halve, was " + trials);
        }
        Optional<Duration> budget = Optional.empty();
        if (field(node, "time_budget") != null) {
            budget = Optional.ofNullable(duration(node.get("time_budget"), "tuning.time_budget"));
            if (budget.isPresent()
                    && resources != null
                    && resources.maxTime().isPresent()
                    && budget.get().compareTo(resources.maxTime().get()) > 0) {
                problems.at(
                        "tuning.time_budget",
                        Durations.format(budget.get()) + " exceeds resources.max_time "
                                + Durations.format(resources.maxTime().get()));
            }
        }
        Long parallelism = field(node, "parallelism") == null
                ? Long.valueOf(1)
                : wholeNumber(node.get("parallelism"), "tuning.parallelism", 1);
        SearchSpace space = required(node, "space", "tuning") ? space(node.get("space")) : null;
        if (methodIndex < 0 || trials == null || parallelism == null || space == null) {
            return Optional.empty();
        }
        return Optional.of(new TuningSpec(
                TuningSpec.Method.values()[methodIndex],
                (int) Math.min(trials, Integer.MAX_VALUE),
                budget,
                (int) Math.min(parallelism, Integer.MAX_VALUE),
                space));
    }

    private SearchSpace space(JsonNode node) {
        if (!mapping(node, "tuning.space", "of parameter names to ranges, e.g. max_depth: {int: [3, 10]}")) {
            return null;
        }
        if (node.isEmpty()) {
            problems.at("tuning.space", "must name at least one parameter to tune");
            return null;
        }
        Map<String, ParameterRange> ranges = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "tuning.space." + entry.getKey();
            String own = OWN_KEYS.get(entry.getKey());
            if (own != null) {
                problems.at(path, entry.getKey() + " is not tuned through the space; set " + own);
                continue;
            }
            ParameterRange range = range(entry.getValue(), path);
            if (range != null) {
                ranges.put(entry.getKey(), range);
            }
        }
        return ranges.size() == node.size() ? new SearchSpace(ranges) : null;
    }

    private ParameterRange range(JsonNode node, String path) {
        String form = "a mapping with one of int, uniform, log_uniform, choice (e.g. {int: [3, 10]})";
        if (!node.isObject() || node.size() != 1) {
            problems.at(path, "must be " + form + ", was " + shown(node));
            return null;
        }
        String kind = node.fieldNames().next();
        if (!RANGE_KINDS.contains(kind)) {
            problems.unknownKey(path, kind, Suggestions.hint(kind, RANGE_KINDS));
            return null;
        }
        String argsPath = path + "." + kind;
        JsonNode args = node.get(kind);
        if (kind.equals("choice")) {
            return choiceRange(args, argsPath);
        }
        if (!args.isArray() || args.size() != 2) {
            problems.at(argsPath, "must be a list [low, high], was " + shown(args));
            return null;
        }
        JsonNode low = args.get(0);
        JsonNode high = args.get(1);
        if (kind.equals("int")) {
            Long lowValue = wholeNumber(low, argsPath + "[0]", Long.MIN_VALUE);
            Long highValue = wholeNumber(high, argsPath + "[1]", Long.MIN_VALUE);
            if (lowValue == null || highValue == null) {
                return null;
            }
            if (lowValue >= highValue) {
                problems.at(argsPath, "needs low < high, was [" + lowValue + ", " + highValue + "]");
                return null;
            }
            return new ParameterRange.IntRange(lowValue, highValue);
        }
        Double lowValue = finite(low, argsPath + "[0]");
        Double highValue = finite(high, argsPath + "[1]");
        if (lowValue == null || highValue == null) {
            return null;
        }
        String shownRange = "[" + low.asText() + ", " + high.asText() + "]";
        if (kind.equals("log_uniform") && lowValue <= 0) {
            problems.at(argsPath, "needs low > 0 (a log scale has no 0 or negatives), was " + shownRange);
            return null;
        }
        if (lowValue >= highValue) {
            problems.at(argsPath, "needs low < high, was " + shownRange);
            return null;
        }
        return kind.equals("uniform")
                ? new ParameterRange.Uniform(lowValue, highValue)
                : new ParameterRange.LogUniform(lowValue, highValue);
    }

    private ParameterRange choiceRange(JsonNode args, String path) {
        if (!args.isArray() || args.isEmpty()) {
            problems.at(path, "must be a non-empty list of values, was " + shown(args));
            return null;
        }
        List<Object> values = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            Object value = scalar(args.get(i), path + "[" + i + "]");
            if (value != null && !seen.add(value)) {
                problems.at(path + "[" + i + "]", "'" + value + "' is listed twice");
            }
            values.add(value);
        }
        return values.contains(null) || values.size() != seen.size() ? null : new ParameterRange.Choice(values);
    }

    private RegistrySpec registry(JsonNode node, String name) {
        String model = name;
        String alias = RegistrySpec.DEFAULT_ALIAS;
        if (node != null && mapping(node, "registry", "with model, alias")) {
            onlyKeys(node, "registry", REGISTRY_KEYS);
            if (field(node, "model") != null) {
                model = text(node.get("model"), "registry.model");
                String chosen = model;
                if (chosen != null) {
                    validated("registry.model", () -> Validation.registeredModelName(chosen));
                }
            }
            if (field(node, "alias") != null) {
                alias = text(node.get("alias"), "registry.alias");
                String chosen = alias;
                if (chosen != null) {
                    validated("registry.alias", () -> Validation.aliasName(chosen));
                }
            }
        }
        return model == null || alias == null ? null : new RegistrySpec(model, alias);
    }

    // ---- keys and values --------------------------------------------------------------------------------------

    /** The value of {@code key}, or {@code null} when it is absent or written as null. */
    private static JsonNode field(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    private boolean required(JsonNode node, String key, String parent) {
        if (field(node, key) != null) {
            return true;
        }
        problems.at(parent.isEmpty() ? key : parent + "." + key, "required");
        return false;
    }

    private void onlyKeys(JsonNode node, String path, List<String> allowed) {
        List<String> unused = allowed.stream().filter(key -> !node.has(key)).toList();
        for (String key : keys(node)) {
            if (!allowed.contains(key)) {
                problems.unknownKey(path, key, Suggestions.hint(key, unused.isEmpty() ? allowed : unused));
            }
        }
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private boolean mapping(JsonNode node, String path, String what) {
        if (!node.isObject()) {
            problems.at(path, "must be a mapping " + what + ", was " + shown(node));
            return false;
        }
        return true;
    }

    private boolean sequence(JsonNode node, String path) {
        if (!node.isArray()) {
            problems.at(path, "must be a list, was " + shown(node));
            return false;
        }
        return true;
    }

    /** The index of the label {@code node} names among {@code labels}, or -1 after reporting. */
    private int choice(JsonNode node, String path, String noun, List<String> labels) {
        if (!node.isTextual()) {
            problems.at(path, "must be one of " + String.join(", ", labels) + ", was " + shown(node));
            return -1;
        }
        int index = labels.indexOf(node.asText());
        if (index < 0) {
            problems.at(path, "unknown " + noun + " '" + node.asText() + "'" + Suggestions.hint(node.asText(), labels));
        }
        return index;
    }

    private String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            problems.at(path, "must be text, was " + shown(node));
            return null;
        }
        if (node.asText().isBlank()) {
            problems.at(path, "must not be empty");
            return null;
        }
        return node.asText();
    }

    /** A column name; numbers are accepted as their text, since CSV headers may be numbers. */
    private String columnName(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.asText();
        }
        return text(node, path);
    }

    private List<String> names(JsonNode node, String path) {
        List<String> names = new ArrayList<>();
        if (!sequence(node, path)) {
            return names;
        }
        for (int i = 0; i < node.size(); i++) {
            String itemPath = path + "[" + i + "]";
            String name = columnName(node.get(i), itemPath);
            if (name == null) {
                continue;
            }
            if (names.contains(name)) {
                problems.at(itemPath, "'" + name + "' is listed twice");
                continue;
            }
            names.add(name);
        }
        return names;
    }

    private Boolean bool(JsonNode node, String path) {
        if (!node.isBoolean()) {
            problems.at(path, "must be true or false, was " + shown(node));
            return null;
        }
        return node.asBoolean();
    }

    /** A whole number {@code >= min}, or null after reporting. */
    private Long wholeNumber(JsonNode node, String path, long min) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            String bound = min == Long.MIN_VALUE ? "" : " >= " + min;
            problems.at(path, "must be a whole number" + bound + ", was " + shown(node));
            return null;
        }
        if (node.asLong() < min) {
            problems.at(path, node.asText() + " is below the minimum " + min);
            return null;
        }
        return node.asLong();
    }

    private Double finite(JsonNode node, String path) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            problems.at(path, "must be a finite number, was " + shown(node));
            return null;
        }
        return node.asDouble();
    }

    /** A share of the rows, strictly between 0 and 1. */
    private Double fraction(JsonNode node, String path) {
        if (!node.isNumber()) {
            problems.at(path, "must be a fraction in (0, 1), was " + shown(node));
            return null;
        }
        double value = node.asDouble();
        if (!(value > 0 && value < 1)) {
            problems.at(path, node.asText() + " is not a fraction in (0, 1)");
            return null;
        }
        return value;
    }

    private Duration duration(JsonNode node, String path) {
        if (!node.isTextual()) {
            problems.at(path, "must be a duration with a unit (" + Durations.EXAMPLES + "), was " + shown(node));
            return null;
        }
        Optional<Duration> duration = Durations.parse(node.asText());
        if (duration.isEmpty()) {
            problems.at(path, "'" + node.asText() + "' is not a positive duration (" + Durations.EXAMPLES + ")");
        }
        return duration.orElse(null);
    }

    /** A plain value as String, Boolean, Integer, Long or Double; null after reporting anything else. */
    private Object scalar(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong()) {
            return node.longValue();
        }
        if (node.isFloatingPointNumber() && Double.isFinite(node.asDouble())) {
            return node.asDouble();
        }
        problems.at(path, "must be a plain value (text, number or true/false), was " + shown(node));
        return null;
    }

    private void validated(String path, Runnable check) {
        try {
            check.run();
        } catch (GyreException e) {
            problems.at(path, e.getMessage());
        }
    }

    private static long orDefault(Long value, long fallback) {
        return value == null ? fallback : value;
    }

    private static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** How a value reads in a message: {@code the text 'x'}, {@code the number 1.4}, {@code a list}, … */
    static String shown(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "empty";
        }
        if (node.isTextual()) {
            return "the text '" + node.asText() + "'";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        return node.isObject() ? "a mapping" : node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
