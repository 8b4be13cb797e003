package dev.gyre.cli.output;

import dev.gyre.core.page.Page;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --max-results} and {@code --page-token} of every listing command, and the hint that prints the next token. */
public final class PagingOptions {

    @Option(
            names = "--max-results",
            paramLabel = "N",
            defaultValue = "100",
            description = "At most this many (default ${DEFAULT-VALUE}).")
    int maxResults;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue after a previous page.")
    String pageToken;

    public int maxResults() {
        return maxResults;
    }

    /** The token of the page to continue from, or null for the first page. */
    public String pageToken() {
        return pageToken;
    }

    /** After a table: how to ask for the next page, when there is one. */
    public static void printNextPage(PrintWriter out, Page<?> page) {
        page.nextPageToken().ifPresent(t -> out.println("More: --page-token " + t));
    }
}
