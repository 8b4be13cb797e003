package dev.gyre.data.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient structural checks of a generated page: balanced tags, no scripts, nothing fetched from elsewhere. */
final class HtmlChecks {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>");
    private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link", "col", "wbr");
    private static final Pattern EXTERNAL =
            Pattern.compile("(?i)(src|href|xlink:href)\\s*=\\s*[\"']?\\s*(https?:|//)|url\\(\\s*[\"']?(https?:|//)");

    private HtmlChecks() {}

    /** Asserts the page is one well-formed, self-contained HTML5 document. */
    static void assertSelfContained(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">");
        assertThat(EXTERNAL.matcher(html).find()).as("external resource").isFalse();
        assertThat(html.toLowerCase())
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain("@import");
        assertWellFormed(html.substring(html.indexOf('>') + 1));
    }

    /** Every opened tag is closed in order (void elements and {@code />} excepted). */
    static void assertWellFormed(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase();
            boolean closing = !tag.group(1).isEmpty();
            boolean selfClosing = tag.group(3).endsWith("/");
            if (closing) {
                assertThat(open.peek())
                        .as("closing </%s> at %d", name, tag.start())
                        .isEqualTo(name);
                open.pop();
            } else if (!selfClosing && !VOID.contains(name)) {
                open.push(name);
            }
        }
        assertThat(open).as("unclosed tags").isEmpty();
        String text = TAG.matcher(html).replaceAll("");
        assertThat(text)
                .as("stray markup characters in text")
                .doesNotContain("<")
                .doesNotContain(">");
    }

    /** The cells of the rows of the first table after {@code marker}, as their markup. */
    static List<List<String>> tableRows(String html, String marker) {
        int start = html.indexOf("<tbody>", html.indexOf(marker));
        String body = html.substring(start, html.indexOf("</tbody>", start));
        List<List<String>> rows = new ArrayList<>();
        for (String row : body.split("<tr>")) {
            if (row.contains("<td")) {
                List<String> cells = new ArrayList<>();
                Matcher cell = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(row);
                while (cell.find()) {
                    cells.add(cell.group(1));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
