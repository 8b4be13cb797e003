package dev.gyre.data.quality;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns JDBC values into ones that print and serialize plainly: numbers, booleans and text stay, the rest is text. */
final class Values {

    private Values() {}

    static Object read(ResultSet rows, int index) throws SQLException {
        Object value = rows.getObject(index);
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }
}
