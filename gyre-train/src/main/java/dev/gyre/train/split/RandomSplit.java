package dev.gyre.train.split;

import java.util.Arrays;
import java.util.Random;

/** The random split, stratified or not (one stratum); see {@link Splitter} for the contract. */
final class RandomSplit {

    private RandomSplit() {}

    /** Splits the rows, {@code strata[row]} numbering each row's stratum from 0 in order of first appearance. */
    static Split split(int[] strata, int validation, int test, long seed) {
        int[][] members = members(strata);
        int[] sizes = Arrays.stream(members).mapToInt(m -> m.length).toArray();
        int[] testCounts = Apportion.largestRemainder(sizes, sizes, test);
        int[] room = new int[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            room[s] = sizes[s] - testCounts[s];
        }
        int[] validationCounts = Apportion.largestRemainder(sizes, room, validation);
        Random random = new Random(seed);
        int[] testRows = new int[test];
        int[] validationRows = new int[validation];
        int[] trainRows = new int[strata.length - test - validation];
        int t = 0;
        int v = 0;
        int r = 0;
        for (int s = 0; s < members.length; s++) {
            int[] rows = members[s];
            shuffle(rows, random);
            int at = 0;
            for (int i = 0; i < testCounts[s]; i++) {
                testRows[t++] = rows[at++];
            }
            for (int i = 0; i < validationCounts[s]; i++) {
                validationRows[v++] = rows[at++];
            }
            while (at < rows.length) {
                trainRows[r++] = rows[at++];
            }
        }
        Arrays.sort(trainRows);
        Arrays.sort(validationRows);
        Arrays.sort(testRows);
        return new Split(trainRows, validationRows, testRows);
    }

    /** The rows of each stratum, ascending. */
    private static int[][] members(int[] strata) {
        int count = Arrays.stream(strata).max().orElse(-1) + 1;
        int[] sizes = new int[count];
        for (int stratum : strata) {
            sizes[stratum]++;
        }
        int[][] members = new int[count][];
        for (int s = 0; s < count; s++) {
            members[s] = new int[sizes[s]];
        }
        int[] filled = new int[count];
        for (int row = 0; row < strata.length; row++) {
            members[strata[row]][filled[strata[row]]++] = row;
        }
        return members;
    }

    /** Fisher–Yates, from the last position down, drawing with {@link Random#nextInt(int)}. */
    private static void shuffle(int[] rows, Random random) {
        for (int i = rows.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = rows[i];
            rows[i] = rows[j];
            rows[j] = swap;
        }
    }
}
