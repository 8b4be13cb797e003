package dev.gyre.train.trainer;

/**
 * Hears each finished boosting round, so that a command can draw a progress bar through a long training without
 * the trainer knowing about terminals. Called on the training thread; it must return quickly.
 */
@FunctionalInterface
public interface RoundListener {

    /** A listener that ignores progress. */
    RoundListener NONE = (round, rounds) -> {};

    /**
     * @param round rounds finished so far, from 1
     * @param rounds the rounds asked for (early stopping may end the training before)
     */
    void roundDone(int round, int rounds);
}
