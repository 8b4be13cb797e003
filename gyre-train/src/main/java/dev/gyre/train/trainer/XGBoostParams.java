package dev.gyre.train.trainer;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters one XGBoost run uses: the trainer's defaults, overridden by the user's, checked by name and type.
 * XGBoost silently ignores a parameter it does not know (a misspelt {@code max_dept} trains a default model), so
 * names are checked here against the parameters of the booster in use; values XGBoost cannot parse still fail inside
 * XGBoost, and {@link XGBoostRun} turns that into a message naming the parameter.
 *
 * @param values the parameters to hand to XGBoost, {@code eval_metric} excluded
 * @param evalMetrics the evaluation metrics, in order; the first decides early stopping
 */
record XGBoostParams(Map<String, Object> values, List<String> evalMetrics) {

    private static final Set<String> GENERAL = Set.of(
            "verbosity",
            "validate_parameters",
            "disable_default_eval_metric",
            "device",
            "base_score",
            "seed_per_iteration",
            "eval_metric",
            "objective",
            "tweedie_variance_power",
            "huber_slope",
            "max_delta_step",
            "scale_pos_weight");

    private static final Set<String> TREE = Set.of(
            "eta",
            "learning_rate",
            "gamma",
            "min_split_loss",
            "max_depth",
            "min_child_weight",
            "subsample",
            "sampling_method",
            "colsample_bytree",
            "colsample_bylevel",
            "colsample_bynode",
            "lambda",
            "reg_lambda",
            "alpha",
            "reg_alpha",
            "tree_method",
            "updater",
            "refresh_leaf",
            "process_type",
            "grow_policy",
            "max_leaves",
            "max_bin",
            "num_parallel_tree",
            "monotone_constraints",
            "interaction_constraints",
            "multi_strategy",
            "max_cached_hist_node",
            "max_cat_to_onehot",
            "max_cat_threshold",
            "sample_type",
            "normalize_type",
            "rate_drop",
            "one_drop",
            "skip_drop");

    private static final Set<String> LINEAR = Set.of(
            "eta",
            "learning_rate",
            "lambda",
            "reg_lambda",
            "alpha",
            "reg_alpha",
            "updater",
            "feature_selector",
            "top_k");

    /** Parameters the settings or the task decide, with where to set them instead. */
    private static final Map<String, String> RESERVED = Map.ofEntries(
            Map.entry("booster", "the trainer decides it (xgboost: gbtree, linear: gblinear)"),
            Map.entry("num_class", "it comes from the training data's class count"),
            Map.entry("nthread", "use TrainerSettings.threads"),
            Map.entry("n_jobs", "use TrainerSettings.threads"),
            Map.entry("seed", "use TrainerSettings.seed"),
            Map.entry("random_state", "use TrainerSettings.seed"),
            Map.entry("num_round", "use TrainerSettings.rounds"),
            Map.entry("num_boost_round", "use TrainerSettings.rounds"),
            Map.entry("n_estimators", "use TrainerSettings.rounds"),
            Map.entry("early_stopping_rounds", "use TrainerSettings.earlyStoppingRounds"));

    /** Regression objectives whose predictions are on the target's scale, as {@code Scores} promise. */
    private static final Set<String> REGRESSION_OBJECTIVES = Set.of(
            "reg:squarederror",
            "reg:squaredlogerror",
            "reg:pseudohubererror",
            "reg:absoluteerror",
            "reg:gamma",
            "reg:tweedie",
            "count:poisson");

    XGBoostParams {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        evalMetrics = List.copyOf(evalMetrics);
    }

    /**
     * The parameters for a run of {@code booster} ({@code gbtree} or {@code gblinear}) on {@code task}:
     * {@code defaults}, then the objective, class count, threads and seed, then the user's {@code settings.params()}.
     */
    static XGBoostParams resolve(
            String booster, Map<String, Object> defaults, Task task, int classCount, TrainerSettings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("booster", booster);
        values.putAll(defaults);
        values.put("objective", defaultObjective(task));
        if (task == Task.MULTICLASS) {
            values.put("num_class", classCount);
        }
        values.put("nthread", settings.resolvedThreads());
        values.put("seed", settings.seed());
        List<String> metrics = defaultMetrics(task);
        Set<String> known = booster.equals("gblinear") ? LINEAR : TREE;
        for (Map.Entry<String, Object> entry : settings.params().entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (RESERVED.containsKey(name)) {
                throw GyreException.invalid("parameter '" + name + "' cannot be set here: " + RESERVED.get(name));
            }
            if (!GENERAL.contains(name) && !known.contains(name)) {
                boolean otherBooster = (booster.equals("gblinear") ? TREE : LINEAR).contains(name);
                throw GyreException.invalid("unknown XGBoost parameter '" + name + "' for booster " + booster
                        + (otherBooster ? " (it applies to the other booster only)" : "")
                        + "; known: " + knownNames(known));
            }
            if (name.equals("eval_metric")) {
                metrics = metricList(value);
                continue;
            }
            checkScalar(name, value);
            if (name.equals("objective")) {
                checkObjective(task, value.toString());
            }
            values.put(name, value);
        }
        return new XGBoostParams(values, metrics);
    }

    /** Every parameter as text, {@code eval_metric} as a comma-separated list: what a run records. */
    Map<String, String> recorded() {
        Map<String, String> recorded = new TreeMap<>();
        values.forEach((name, value) -> recorded.put(name, String.valueOf(value)));
        recorded.put("eval_metric", String.join(",", evalMetrics));
        return recorded;
    }

    private static String defaultObjective(Task task) {
        return switch (task) {
            case BINARY -> "binary:logistic";
            case MULTICLASS -> "multi:softprob";
            case REGRESSION -> "reg:squarederror";
        };
    }

    private static List<String> defaultMetrics(Task task) {
        return switch (task) {
            case BINARY -> List.of("logloss", "auc");
            case MULTICLASS -> List.of("mlogloss");
            case REGRESSION -> List.of("rmse");
        };
    }

    private static void checkObjective(Task task, String objective) {
        if (task == Task.REGRESSION && REGRESSION_OBJECTIVES.contains(objective)) {
            return;
        }
        if (task == Task.REGRESSION) {
            throw GyreException.invalid("parameter 'objective': '" + objective
                    + "' is not a supported regression objective; use one of "
                    + REGRESSION_OBJECTIVES.stream().sorted().toList());
        }
        if (!objective.equals(defaultObjective(task))) {
            throw GyreException.invalid("parameter 'objective': a " + task.label() + " model must use "
                    + defaultObjective(task) + " so that it predicts probabilities, not '" + objective + "'");
        }
    }

    private static List<String> metricList(Object value) {
        List<String> metrics = new ArrayList<>();
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (!(element instanceof String metric)) {
                    throw GyreException.invalid(
                            "parameter 'eval_metric' must be a metric name or a list of them, not " + value);
                }
                metrics.add(metric.strip());
            }
        } else if (value instanceof String text) {
            for (String metric : text.split(",")) {
                metrics.add(metric.strip());
            }
        } else {
            throw GyreException.invalid(
                    "parameter 'eval_metric' must be a metric name or a list of them, not " + value);
        }
        if (metrics.isEmpty() || metrics.stream().anyMatch(String::isEmpty)) {
            throw GyreException.invalid("parameter 'eval_metric' must name at least one metric, got '" + value + "'");
        }
        return metrics;
    }

    private static void checkScalar(String name, Object value) {
        boolean scalar = value instanceof String || value instanceof Number || value instanceof Boolean;
        if (!scalar) {
            throw GyreException.invalid("parameter '" + name + "' must be a string, number or boolean, not a "
                    + value.getClass().getSimpleName());
        }
        if ((value instanceof Double number && !Double.isFinite(number))
                || (value instanceof Float single && !Float.isFinite(single))) {
            throw GyreException.invalid("parameter '" + name + "' must be a finite number, not " + value);
        }
    }

    private static Set<String> knownNames(Set<String> boosterNames) {
        Set<String> all = new TreeSet<>(boosterNames);
        all.addAll(GENERAL);
        return all;
    }
}
