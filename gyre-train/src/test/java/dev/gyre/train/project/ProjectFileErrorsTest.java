package dev.gyre.train.project;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per kind of mistake: the lines added to a valid file, and the exact message they must produce. */
class ProjectFileErrorsTest {

    /** Lines 1 to 5; the added lines start on line 6. */
    private static String file(String task, String added) {
        return "name: p\ntask: " + task + "\ntarget: y\ndata:\n  train: d.csv\n" + added;
    }

    static Stream<Arguments> binaryCases() {
        return Stream.of(
                // unknown keys, at every level, with a suggestion when one is close
                Arguments.of("targest: {quality: []}\n", "line 6: unknown key 'targest' (did you mean 'targets'?)"),
                Arguments.of("split:\n  sed: 7\n", "line 7: split: unknown key 'sed' (did you mean 'seed'?)"),
                Arguments.of(
                        "model:\n  colour: red\n",
                        "line 7: model: unknown key 'colour' (expected one of trainer, rounds, early_stopping_rounds,"
                                + " seed, params)"),
                Arguments.of(
                        "tuning:\n  space:\n    eta: {loguniform: [0.01, 0.3]}\n",
                        "line 8: tuning.space.eta: unknown key 'loguniform' (did you mean 'log_uniform'?)"),
                // types and choices
                Arguments.of(
                        "task2: x\n",
                        "line 6: unknown key 'task2' (expected one of positive_class, features,"
                                + " exclude, split, pipeline, model, baselines, targets, tuning, resources, registry)"),
                Arguments.of(
                        "split: {seed: forty-two}\n",
                        "line 6: split.seed: must be a whole number, was the text" + " 'forty-two'"),
                Arguments.of(
                        "split: {method: randm}\n",
                        "line 6: split.method: unknown split method 'randm' (did you" + " mean 'random'?)"),
                Arguments.of(
                        "split: {stratify: yes please}\n",
                        "line 6: split.stratify: must be true or false, was" + " the text 'yes please'"),
                Arguments.of(
                        "model: {trainer: lightgbm}\n",
                        "line 6: model.trainer: unknown trainer 'lightgbm'" + " (expected one of xgboost, linear)"),
                Arguments.of(
                        "model: {params: {max_depth: [1, 2]}}\n",
                        "line 6: model.params.max_depth: must be a"
                                + " plain value (text, number or true/false), was a list"),
                Arguments.of("model: {params: {seed: 1}}\n", "line 6: model.params.seed: set model.seed instead"),
                Arguments.of(
                        "features: some\n",
                        "line 6: features: must be 'all' or a list of column names, was the" + " text 'some'"),
                Arguments.of(
                        "features: [a, y]\n",
                        "line 6: features[1]: 'y' is the target; a model cannot take what"
                                + " it predicts as a feature"),
                Arguments.of("features: [a, b, a]\n", "line 6: features[2]: 'a' is listed twice"),
                Arguments.of(
                        "features: [a]\nexclude: [b]\n",
                        "line 7: exclude: only with features: all (leave the columns out of the features list"
                                + " instead)"),
                Arguments.of(
                        "baselines: [linear, xgb]\n",
                        "line 6: baselines[1]: unknown baseline 'xgb' (expected one" + " of majority, mean, linear)"),
                Arguments.of(
                        "baselines: [mean]\n",
                        "line 6: baselines[0]: mean does not apply to task binary (its"
                                + " trivial baseline is majority, always trained)"),
                // fractions
                Arguments.of(
                        "split:\n  validation: 1.4\n", "line 7: split.validation: 1.4 is not a fraction in (0, 1)"),
                Arguments.of("split:\n  test: 0\n", "line 7: split.test: 0 is not a fraction in (0, 1)"),
                Arguments.of(
                        "split:\n  validation: 0.6\n  test: 0.5\n",
                        "line 6: split: validation 0.6 + test 0.5 = 1.1 leaves no rows to train on (the sum must be"
                                + " < 1)"),
                Arguments.of(
                        "split:\n  method: time\n  stratify: true\n  time_column: t\n",
                        "line 8: split.stratify: only for method: random (a time split keeps time order)"),
                Arguments.of(
                        "split:\n  time_column: t\n",
                        "line 7: split.time_column: only for method: time (method is random)"),
                // metric targets
                Arguments.of(
                        "targets:\n  quality: [\"auc => 0.8\"]\n",
                        "line 7: targets.quality[0]: target 'auc => 0.8' is not of the form 'metric OP number' with OP"
                                + " one of >=, <=, >, < (e.g. 'auc >= 0.8')"),
                Arguments.of(
                        "targets:\n  quality: [\"aucc >= 0.8\"]\n",
                        "line 7: targets.quality[0]: unknown metric for task binary 'aucc' (did you mean 'auc'?)"),
                Arguments.of(
                        "targets:\n  quality: [\"rmse <= 3\"]\n",
                        "line 7: targets.quality[0]: rmse is not a binary metric (binary metrics: auc, pr_auc,"
                                + " log_loss, brier, accuracy, precision, recall, f1, ece)"),
                Arguments.of(
                        "targets:\n  quality: [\"p99_latency_ms <= 10\"]\n",
                        "line 7: targets.quality[0]: p99_latency_ms is a serving metric: list it under"
                                + " targets.serving"),
                Arguments.of(
                        "targets:\n  serving: [\"auc >= 0.8\"]\n",
                        "line 7: targets.serving[0]: auc is a quality metric: list it under targets.quality"),
                Arguments.of(
                        "targets:\n  quality:\n    - auc >= 0.7\n    - auc >= 1.2\n",
                        "line 9: targets.quality[1]: 'auc >= 1.2' can never be met: auc lies in [0, 1]"),
                Arguments.of(
                        "targets:\n  quality: [\"accuracy <= -0.1\"]\n",
                        "line 7: targets.quality[0]: 'accuracy <= -0.1' can never be met: accuracy lies in [0, 1]"),
                Arguments.of(
                        "targets:\n  quality: [\"auc >= 0\"]\n",
                        "line 7: targets.quality[0]: 'auc >= 0' is met by every model (auc lies in [0, 1]), so it"
                                + " gates nothing"),
                Arguments.of(
                        "targets:\n  serving: [\"p99_latency_ms <= 0\"]\n",
                        "line 7: targets.serving[0]: 'p99_latency_ms <= 0' can never be met: p99_latency_ms lies in"
                                + " (0, inf)"),
                Arguments.of(
                        "targets:\n  serving: [\"p99_latncy_ms <= 10\"]\n",
                        "line 7: targets.serving[0]: unknown serving metric 'p99_latncy_ms' (did you mean"
                                + " 'p99_latency_ms'?)"),
                Arguments.of(
                        "targets:\n  quality:\n    - auc >= 0.9\n    - auc <= 0.5\n",
                        "line 9: targets.quality[1]: 'auc <= 0.5' contradicts 'auc >= 0.9' (targets.quality[0]): no"
                                + " value meets both"),
                // tuning and durations
                Arguments.of(
                        "tuning:\n  space:\n    max_depth: {int: [10, 3]}\n",
                        "line 8: tuning.space.max_depth.int: needs low < high, was [10, 3]"),
                Arguments.of(
                        "tuning:\n  space:\n    eta: {log_uniform: [0, 0.3]}\n",
                        "line 8: tuning.space.eta.log_uniform: needs low > 0 (a log scale has no 0 or negatives), was"
                                + " [0, 0.3]"),
                Arguments.of(
                        "tuning:\n  space:\n    max_depth: {int: [3, 10.5]}\n",
                        "line 8: tuning.space.max_depth.int[1]: must be a whole number, was the number 10.5"),
                Arguments.of(
                        "tuning:\n  space:\n    booster: {choice: [gbtree, gbtree]}\n",
                        "line 8: tuning.space.booster.choice[1]: 'gbtree' is listed twice"),
                Arguments.of(
                        "tuning:\n  space:\n    max_depth: [3, 10]\n",
                        "line 8: tuning.space.max_depth: must be a mapping with one of int, uniform, log_uniform,"
                                + " choice (e.g. {int: [3, 10]}), was a list"),
                Arguments.of("tuning:\n  trials: 5\n", "line 6: tuning.space: required"),
                Arguments.of(
                        "tuning:\n  method: halving\n  trials: 1\n  space: {eta: {uniform: [0.1, 0.2]}}\n",
                        "line 8: tuning.trials: halving needs at least 2 trials to halve, was 1"),
                Arguments.of(
                        "tuning:\n  time_budget: 2h\n  space: {eta: {uniform: [0.1, 0.2]}}\nresources:\n"
                                + "  max_time: 30m\n",
                        "line 7: tuning.time_budget: 2h exceeds resources.max_time 30m"),
                Arguments.of(
                        "resources:\n  max_time: 30\n",
                        "line 7: resources.max_time: must be a duration with a unit (e.g. 90s, 10m, 1h, 1h30m), was"
                                + " the number 30"),
                Arguments.of(
                        "resources:\n  max_time: 10x\n",
                        "line 7: resources.max_time: '10x' is not a positive duration (e.g. 90s, 10m, 1h, 1h30m)"),
                Arguments.of(
                        "resources:\n  max_memory_mb: 0\n",
                        "line 7: resources.max_memory_mb: 0 is below the minimum 1"),
                // registry
                Arguments.of(
                        "registry:\n  alias: v3\n", "line 7: registry.alias: Version alias name 'v3' is reserved."),
                Arguments.of(
                        "registry:\n  alias: a b\n",
                        "line 7: registry.alias: Invalid alias name: 'a b'. Names may only contain alphanumerics,"
                                + " underscores (_), and dashes (-)."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("binaryCases")
    void aBinaryProjectReportsTheMistakeWithItsLine(String added, String message) {
        assertThatThrownBy(() -> ProjectFile.parse(file("binary", added), Path.of("/p")))
                .isInstanceOf(GyreException.class)
                .hasMessage("gyre.yaml " + message);
    }

    static Stream<Arguments> taskCases() {
        return Stream.of(
                Arguments.of("binray", "", "line 2: task: unknown task 'binray' (did you mean 'binary'?)"),
                Arguments.of(
                        "multiclass",
                        "positive_class: bad\n",
                        "line 6: positive_class: only for task: binary (task is multiclass)"),
                Arguments.of(
                        "regression",
                        "split: {stratify: true}\n",
                        "line 6: split.stratify: only for classification (task is regression)"),
                Arguments.of(
                        "regression",
                        "targets:\n  quality: [\"rmse <= -1\"]\n",
                        "line 7: targets.quality[0]: 'rmse <= -1' can never be met: rmse lies in [0, inf)"),
                Arguments.of(
                        "regression",
                        "targets:\n  quality: [\"r2 > 1\"]\n",
                        "line 7: targets.quality[0]: 'r2 > 1' can never be met: r2 lies in (-inf, 1]"),
                Arguments.of(
                        "regression",
                        "baselines: [majority]\n",
                        "line 6: baselines[0]: majority does not apply to task regression (its trivial baseline is"
                                + " mean, always trained)"),
                Arguments.of(
                        "multiclass",
                        "targets:\n  quality: [\"auc >= 0.8\"]\n",
                        "line 7: targets.quality[0]: auc is not a multiclass metric (multiclass metrics: log_loss,"
                                + " accuracy, macro_f1, weighted_f1, macro_precision, macro_recall)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("taskCases")
    void optionsThatDoNotFitTheTaskAreReported(String task, String added, String message) {
        assertThatThrownBy(() -> ProjectFile.parse(file(task, added), Path.of("/p")))
                .isInstanceOf(GyreException.class)
                .hasMessageStartingWith("gyre.yaml " + message);
    }
}
