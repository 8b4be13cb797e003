package dev.gyre.data.drift;

import static dev.gyre.data.testing.TestData.doubles;
import static dev.gyre.data.testing.TestData.shared;
import static dev.gyre.data.testing.TestData.strings;

import java.util.List;

/** Single columns of the shared weather and flights datasets, read by DuckDB. */
final class DriftData {

    private DriftData() {}

    /** {@code temp_max} (or another numeric column) of the weather data at one location. */
    static double[] weather(String column, String location) {
        return doubles("SELECT " + column + " FROM read_csv_auto('" + shared("weather.csv") + "') WHERE location = '"
                + location + "' AND " + column + " IS NOT NULL ORDER BY date");
    }

    static List<String> weatherCategories(String location) {
        return strings("SELECT weather FROM read_csv_auto('" + shared("weather.csv") + "') WHERE location = '"
                + location + "' ORDER BY date");
    }

    /** Up to {@code limit} flight delays (minutes) of one month, in file order. */
    static double[] flightDelays(int month, int limit) {
        return doubles("SELECT delay FROM read_parquet('" + shared("flights-3m.parquet") + "') WHERE month(date) = "
                + month + " AND delay IS NOT NULL LIMIT " + limit);
    }
}
