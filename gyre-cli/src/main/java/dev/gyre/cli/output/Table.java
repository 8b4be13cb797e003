package dev.gyre.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with aligned columns, for people reading a terminal. Cells longer than 60 are cut. */
public final class Table {

    private static final int MAX_CELL = 60;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    public Table(List<String> headers) {
        this.headers = List.copyOf(headers);
    }

    /** Adds a row; {@code null} cells print as {@code -}, empty strings as nothing. */
    public Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(Table::cell).toList());
        return this;
    }

    public Table row(List<?> cells) {
        return row(cells.toArray());
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table, each line prefixed with {@code indent}. */
    public void print(PrintWriter out, String indent) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printRow(out, indent, headers, widths);
        for (List<String> row : rows) {
            printRow(out, indent, row, widths);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static String cell(Object value) {
        String text = value == null ? "-" : value.toString().replaceAll("\\s+", " ");
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 1) + "…";
    }
}
