package dev.gyre.train.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvalLineTest {

    @Test
    void parsesEverySetAndMetricIncludingNanAndHyphenatedNames() {
        IterationMetrics metrics = EvalLine.parse(
                3, "[3]\ttrain-logloss:0.25\ttrain-error@0.7:0.1\tvalidation-auc:nan\tvalidation-logloss:inf");

        assertThat(metrics.iteration()).isEqualTo(3);
        assertThat(metrics.train()).containsEntry("logloss", 0.25).containsEntry("error@0.7", 0.1);
        assertThat(metrics.validation().get("auc")).isNaN();
        assertThat(metrics.validation()).containsEntry("logloss", Double.POSITIVE_INFINITY);
    }

    @Test
    void knowsWhichMetricsAreMaximized() {
        assertThat(Maximize.metric("auc")).isTrue();
        assertThat(Maximize.metric("ndcg@5")).isTrue();
        assertThat(Maximize.metric("logloss")).isFalse();
        assertThat(Maximize.metric("rmse")).isFalse();
    }
}
