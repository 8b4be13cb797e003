package dev.gyre.train.split;

import java.util.Arrays;
import java.util.Comparator;

/** Shares a whole number of rows among strata in proportion to their sizes (the largest-remainder method). */
final class Apportion {

    private Apportion() {}

    /**
     * {@code total} rows shared among strata of {@code sizes}, no stratum getting more than its {@code room}: each
     * gets the whole part of its exact share, then the rows left over go one each to the strata with the largest
     * remainders (ties to the earlier stratum). {@code total} must not exceed the sum of {@code room}.
     */
    static int[] largestRemainder(int[] sizes, int[] room, int total) {
        long all = Arrays.stream(sizes).asLongStream().sum();
        int[] counts = new int[sizes.length];
        double[] remainders = new double[sizes.length];
        int given = 0;
        for (int s = 0; s < sizes.length; s++) {
            double exact = all == 0 ? 0 : (double) total * sizes[s] / all;
            counts[s] = Math.min((int) Math.floor(exact), room[s]);
            remainders[s] = exact - counts[s];
            given += counts[s];
        }
        Integer[] order = new Integer[sizes.length];
        Arrays.setAll(order, s -> s);
        Arrays.sort(order, Comparator.comparingDouble((Integer s) -> -remainders[s]));
        while (given < total) {
            boolean progressed = false;
            for (int s : order) {
                if (given < total && counts[s] < room[s]) {
                    counts[s]++;
                    given++;
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new IllegalStateException(
                        "cannot place " + total + " rows in strata of room " + Arrays.toString(room));
            }
        }
        return counts;
    }
}
