package dev.gyre.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeploymentRecordsTest {

    private static Deployment deployment(int weight, long stable, long candidate, String settings) {
        return new Deployment(
                1,
                "credit",
                "credit",
                stable,
                candidate,
                DeploymentMode.CANARY,
                DeploymentState.RUNNING,
                weight,
                settings,
                10,
                20,
                "alice");
    }

    private static DeploymentEvent event(String kind, int weight, String actor, String reason, String details) {
        return new DeploymentEvent(1, 1, 10, kind, weight, actor, reason, details);
    }

    @Test
    void aDraftIsRunningWithoutIdOrTimes() {
        Deployment d = Deployment.draft("credit", "credit-model", 3, 4, DeploymentMode.AB, 50, "{}", "alice");
        assertThat(d.id()).isZero();
        assertThat(d.state()).isEqualTo(DeploymentState.RUNNING);
        assertThat(d.isRunning()).isTrue();
        assertThat(d.createdAt()).isZero();
        assertThat(d.updatedAt()).isZero();
        assertThat(deployment(0, 1, 2, " {\"a\":1} ").candidateWeightPercent()).isZero();
        assertThat(deployment(100, 1, 2, "{}").candidateWeightPercent()).isEqualTo(100);
    }

    @Test
    void deploymentsRejectWhatTheStoreCouldNotKeep() {
        assertThatThrownBy(() -> deployment(120, 1, 2, "{}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Deployment candidate weight percent must be between 0 and 100, got 120");
        assertThatThrownBy(() -> deployment(5, 0, 2, "{}"))
                .hasMessage("Deployment stable version must be at least 1, got 0");
        assertThatThrownBy(() -> deployment(5, 3, 3, "{}"))
                .hasMessage("Deployment candidate version must differ from the stable version, both are 3");
        assertThatThrownBy(() -> deployment(5, 1, 2, "[]"))
                .hasMessage("Deployment settings must be a JSON object ({...}), got '[]'");
        assertThatThrownBy(() -> deployment(5, 1, 2, null))
                .hasMessage("Deployment settings must not be null (use {} for none)");
        assertThatThrownBy(() -> Deployment.draft(" ", "m", 1, 2, DeploymentMode.AB, 5, "{}", "a"))
                .hasMessage("Deployment name must not be empty");
        assertThatThrownBy(() -> Deployment.draft(" credit", "m", 1, 2, DeploymentMode.AB, 5, "{}", "a"))
                .hasMessageContaining("Deployment name must be one line without leading or trailing spaces");
        assertThatThrownBy(() -> Deployment.draft("n".repeat(257), "m", 1, 2, DeploymentMode.AB, 5, "{}", "a"))
                .hasMessage("Deployment name must be at most 256 characters, got 257");
        assertThatThrownBy(() -> Deployment.draft("credit", "m", 1, 2, null, 5, "{}", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Deployment mode must not be null (canary, shadow or ab)");
        assertThatThrownBy(() -> Deployment.draft("credit", "m", 1, 2, DeploymentMode.AB, 5, "{}", null))
                .hasMessage("Deployment createdBy must not be empty");
        assertThatThrownBy(() -> new Deployment(
                        1, "c", "m", 1, 2, DeploymentMode.AB, DeploymentState.RUNNING, 5, "{}", 20, 10, "a"))
                .hasMessage("Deployment updatedAt (10) must not be before createdAt (20)");
        assertThatThrownBy(() -> new Deployment(
                        -1, "c", "m", 1, 2, DeploymentMode.AB, DeploymentState.RUNNING, 5, "{}", 0, 0, "a"))
                .hasMessage("Deployment id must not be negative (0 for a draft), got -1");
    }

    @Test
    void eventsNeedAKindAWeightAnActorAndAReason() {
        DeploymentEvent e = event("step", 25, "scheduler", "step 2 of 4", "{\"error_rate\":0.01}");
        assertThat(e.details()).isEqualTo("{\"error_rate\":0.01}");
        assertThat(event("custom_kind2", 0, "bob", "multi\nline reason", null).details())
                .isNull();
        assertThatThrownBy(() -> event("step", 120, "bob", "why", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Deployment event weight percent must be between 0 and 100, got 120");
        assertThatThrownBy(() -> event("step", 10, "bob", " \n", null))
                .hasMessage("Deployment event reason must not be empty");
        assertThatThrownBy(() -> event("step", 10, "bob", "r".repeat(5001), null))
                .hasMessage("Deployment event reason must be at most 5000 characters, got 5001");
        assertThatThrownBy(() -> event("step", 10, null, "why", null))
                .hasMessage("Deployment event actor must not be empty");
        assertThatThrownBy(() -> event("Step", 10, "bob", "why", null))
                .hasMessageStartingWith("Deployment event kind must be a lower-case word");
        assertThatThrownBy(() -> event("", 10, "bob", "why", null))
                .hasMessage("Deployment event kind must not be empty");
        assertThatThrownBy(() -> event("step", 10, "bob", "why", "not json"))
                .hasMessage("Deployment event details must be a JSON object ({...}), got 'not json'");
        assertThatThrownBy(() -> new DeploymentEvent(0, 1, 0, "step", 1, "a", "r", null))
                .hasMessage("Deployment id must be at least 1, got 0");
        assertThatThrownBy(() -> new DeploymentEvent(1, 0, 0, "step", 1, "a", "r", null))
                .hasMessage("Deployment event sequence must be at least 1, got 0");
        assertThatThrownBy(() -> new DeploymentEvent(1, 1, 0, "step", 1, "a", "bad\u0000reason", null))
                .hasMessage("Deployment event reason must not contain control characters");
    }

    @Test
    void statesAndModesHaveLabelsAndEnds() {
        assertThat(DeploymentMode.ofLabel("canary")).isEqualTo(DeploymentMode.CANARY);
        assertThat(DeploymentMode.ofLabel("AB")).isEqualTo(DeploymentMode.AB);
        assertThat(DeploymentMode.SHADOW.label()).isEqualTo("shadow");
        assertThatThrownBy(() -> DeploymentMode.ofLabel("blue-green"))
                .hasMessage("unknown deployment mode 'blue-green' (expected canary, shadow or ab)");
        assertThat(DeploymentState.PROMOTED.finalWeightPercent()).isEqualTo(100);
        assertThat(DeploymentState.ROLLED_BACK.finalWeightPercent()).isZero();
        assertThat(DeploymentState.ROLLED_BACK.finishKind()).isEqualTo(DeploymentEvent.ROLLED_BACK);
        assertThat(DeploymentState.ABORTED.finishKind()).isEqualTo(DeploymentEvent.ABORTED);
        assertThat(DeploymentState.RUNNING.isTerminal()).isFalse();
        assertThatThrownBy(DeploymentState.RUNNING::finishKind).hasMessage("RUNNING is not a final deployment state");
        assertThat(DeploymentEvent.isFinishKind("promoted")).isTrue();
        assertThat(DeploymentEvent.isFinishKind("step")).isFalse();
    }

    @Test
    void anUpdateKeepsItsEventWithItsDeployment() {
        Deployment d = deployment(5, 1, 2, "{}");
        assertThatThrownBy(() -> new DeploymentUpdate(d, new DeploymentEvent(2, 1, 0, "step", 5, "a", "r", null)))
                .hasMessage("Event of deployment 2 does not belong to deployment 1");
    }
}
