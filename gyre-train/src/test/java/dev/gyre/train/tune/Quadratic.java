package dev.gyre.train.tune;

/**
 * A real, deterministic objective: {@code (x - 0.7)² + (y - 4)² + 1 / rounds}, lowest at x = 0.7, y = 4; more rounds
 * help every candidate equally, as they roughly do for a learner. {@code x} is a Double, {@code y} an Integer.
 */
record Quadratic() implements TrialRunner {

    static final double BEST_X = 0.7;
    static final int BEST_Y = 4;

    @Override
    public TrialOutcome run(Trial trial) {
        return new TrialOutcome(value(trial), "loss", false, trial.rounds() - 1, "run-" + trial.number());
    }

    static double value(Trial trial) {
        double x = (Double) trial.params().get("x");
        int y = (Integer) trial.params().get("y");
        return (x - BEST_X) * (x - BEST_X) + (y - BEST_Y) * (y - BEST_Y) + 1.0 / trial.rounds();
    }
}
