package dev.gyre.server.api.data;

import dev.gyre.core.error.GyreException;
import dev.gyre.server.json.RequestFields;

/** How a data endpoint answers: JSON for programs (the default) or a self-contained HTML page for people. */
enum ReportFormat {
    JSON,
    HTML;

    /** The optional {@code report} field: {@code "json"} or {@code "html"}. */
    static ReportFormat of(RequestFields fields) {
        String value = fields.optionalString("report");
        if (value == null || value.equals("json")) {
            return JSON;
        }
        if (value.equals("html")) {
            return HTML;
        }
        throw GyreException.invalid("'report' must be \"json\" or \"html\", was \"" + value + "\"");
    }
}
