package dev.gyre.data.report;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A fragment of HTML that is safe to emit as is. User text becomes a fragment only through {@link #text}, which
 * escapes it; markup is built by this package's own code, so a column named {@code <script>} stays text.
 *
 * @param markup the HTML
 */
public record Html(String markup) {

    /** The empty fragment. */
    public static final Html EMPTY = new Html("");

    public Html {
        Objects.requireNonNull(markup, "markup");
    }

    /** Plain text, escaped for element content and for quoted attribute values; {@code null} becomes empty. */
    public static Html text(String text) {
        return new Html(escape(text));
    }

    /** Concatenates fragments. */
    public static Html join(List<Html> parts) {
        return new Html(parts.stream().map(Html::markup).collect(Collectors.joining()));
    }

    /** Concatenates fragments. */
    public static Html of(Html... parts) {
        return join(List.of(parts));
    }

    /** {@code <tag>content</tag>}. */
    public static Html element(String tag, Html content) {
        return new Html("<" + tag + ">" + content.markup + "</" + tag + ">");
    }

    /** {@code <tag class="cssClass">content</tag>}; the class is escaped. */
    public static Html element(String tag, String cssClass, Html content) {
        return new Html("<" + tag + " class=\"" + escape(cssClass) + "\">" + content.markup + "</" + tag + ">");
    }

    /** Escapes {@code & < > " '} so the text is inert in element content and in quoted attributes. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return markup;
    }
}
