package dev.gyre.data.report;

import java.util.List;
import java.util.Objects;

/**
 * A whole HTML5 document: title, a subtitle line and sections, with the stylesheet inline so the file stands alone
 * (no scripts, fonts or images are fetched; charts are inline SVG).
 *
 * @param title the page title, also the first heading
 * @param subtitle a line under the title, e.g. which files were compared
 * @param sections the body, in order
 */
public record HtmlPage(String title, String subtitle, List<Html> sections) {

    /** Kept small and print-friendly; the colours of the reference and current series match the charts'. */
    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;margin:0 auto;\
            max-width:1100px;padding:24px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;\
            padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
            .subtitle{color:#59636e;margin:0 0 16px}
            table{border-collapse:collapse;margin:8px 0;font-size:13px}
            th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f6f8fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
            dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px;margin:8px 0}dt{color:#59636e}dd{margin:0}
            .badge{display:inline-block;padding:0 6px;border-radius:8px;font-size:12px;font-weight:600}
            .bad,.error{background:#ffebe9;color:#a40e26}.warning{background:#fff8c5;color:#7d4e00}
            .good,.info{background:#dafbe1;color:#116329}
            figure{margin:8px 0 20px;display:inline-block;vertical-align:top}\
            figcaption{color:#59636e;font-size:12px;max-width:640px}
            svg text{font:11px system-ui,sans-serif;fill:#1f2328}
            .muted{color:#59636e}
            """;

    public HtmlPage {
        Objects.requireNonNull(title, "title");
        subtitle = subtitle == null ? "" : subtitle;
        sections = List.copyOf(sections);
    }

    /** The document, starting with {@code <!DOCTYPE html>}. */
    public String render() {
        StringBuilder out = new StringBuilder(16_384)
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n<style>\n")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(Html.escape(title))
                .append("</h1>\n");
        if (!subtitle.isEmpty()) {
            out.append("<p class=\"subtitle\">").append(Html.escape(subtitle)).append("</p>\n");
        }
        sections.forEach(section -> out.append(section.markup()).append('\n'));
        return out.append("</body>\n</html>\n").toString();
    }
}
