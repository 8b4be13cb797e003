package dev.gyre.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.CliContext;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gyre deployments}: rollouts on a running prediction server ({@code gyre serve}) — start a canary, shadow or
 * A/B rollout of a candidate version, watch it, step it, promote or abort it. Each action carries a reason, which the
 * server records in the deployment history.
 */
@Command(
        name = "deployments",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Canary, shadow and A/B rollouts on a running prediction server (gyre serve).")
public final class DeploymentsCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The group with its subcommands. */
    public static CommandLine tree(CliContext context) {
        return new CommandLine(new DeploymentsCommand())
                .addSubcommand(new Create(context))
                .addSubcommand(new Show(context))
                .addSubcommand(
                        "advance",
                        act(
                                "advance",
                                "Move the candidate to its next traffic share (or promote it after the last).",
                                context))
                .addSubcommand("analyse", act("analyse", "Run a canary's analysis now and act on it.", context))
                .addSubcommand("promote", act("promote", "Make the candidate the served version now.", context))
                .addSubcommand("abort", act("abort", "Stop the rollout and keep the stable version.", context));
    }

    private static CommandLine act(String action, String description, CliContext context) {
        CommandLine command = new CommandLine(new Act(action, context));
        command.getCommandSpec().usageMessage().description(description);
        return command;
    }

    /** What every subcommand shares: where the server is. */
    abstract static class ServerCall implements Callable<Integer> {

        @Option(
                names = "--url",
                paramLabel = "URL",
                description = "The prediction server (default http://127.0.0.1:8080).")
        String url = "http://127.0.0.1:8080";

        @Spec
        CommandSpec spec;

        final CliContext context;

        ServerCall(CliContext context) {
            this.context = context;
        }

        JsonNode call(String method, String path, ObjectNode body) {
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/2.0/gyre/deployments/" + path))
                    .timeout(Duration.ofMinutes(2));
            if (method.equals("POST")) {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            try (HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()) {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode answer = JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
                if (response.statusCode() != 200) {
                    throw new GyreException(
                            ErrorCode.INVALID_PARAMETER_VALUE,
                            answer.path("message").asText(response.body()));
                }
                return answer;
            } catch (IOException e) {
                throw new GyreException(
                        ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot reach the prediction server at " + url + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GyreException(ErrorCode.TEMPORARILY_UNAVAILABLE, "interrupted");
            }
        }

        void print(JsonNode deployment) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(describe(deployment));
            out.flush();
        }
    }

    /** {@code gyre deployments create MODEL CANDIDATE}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Start a rollout of a candidate version.")
    static final class Create extends ServerCall {

        @Parameters(index = "0", paramLabel = "MODEL", description = "The served model name.")
        String model;

        @Parameters(index = "1", paramLabel = "CANDIDATE", description = "The candidate, e.g. models:/credit/4.")
        String candidate;

        @Option(names = "--mode", paramLabel = "MODE", description = "canary (default), shadow or ab.")
        String mode = "canary";

        @Option(
                names = "--steps",
                paramLabel = "PERCENT",
                split = ",",
                description = "Canary traffic shares, e.g. 10,25,50,100 (default).")
        List<Integer> steps;

        @Option(names = "--weight", paramLabel = "PERCENT", description = "A/B: the candidate's share (default 50).")
        Integer weight;

        @Option(names = "--interval-seconds", paramLabel = "S", description = "Canary: seconds per step (default 30).")
        Integer intervalSeconds;

        @Option(names = "--min-requests", paramLabel = "N", description = "Canary: requests a step needs (default 50).")
        Integer minRequests;

        @Option(
                names = "--max-error-rate-increase",
                paramLabel = "RATE",
                description = "Canary: how much higher the candidate's error rate may be (default 0.01).")
        Double maxErrorRateIncrease;

        @Option(
                names = "--p99-latency-ms",
                paramLabel = "MS",
                description = "Canary: the p99 SLO (default: the project's serving target, if any).")
        Double p99LatencyMillis;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (recorded).")
        String reason;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ObjectNode body = JSON.createObjectNode();
            body.put("model", model);
            body.put("candidate", candidate);
            body.put("mode", mode.toLowerCase(Locale.ROOT));
            if (steps != null) {
                ArrayNode array = body.putArray("steps");
                steps.forEach(array::add);
            }
            if (weight != null) {
                body.put("weight", weight);
            }
            if (intervalSeconds != null) {
                body.put("interval_seconds", intervalSeconds);
            }
            if (minRequests != null) {
                body.put("min_requests", minRequests);
            }
            if (maxErrorRateIncrease != null) {
                body.put("max_error_rate_increase", maxErrorRateIncrease);
            }
            if (p99LatencyMillis != null) {
                body.put("p99_latency_ms", p99LatencyMillis);
            }
            body.put("reason", reason);
            body.put("actor", context.userName());
            print(call("POST", "create", body).get("deployment"));
            return 0;
        }
    }

    /** {@code gyre deployments show [MODEL]}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the rollouts in progress.")
    static final class Show extends ServerCall {

        @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "One served model (default: all).")
        String model;

        Show(CliContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            if (model != null) {
                print(call("GET", "get?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8), null)
                        .get("deployment"));
                return 0;
            }
            JsonNode all = call("GET", "list", null).get("deployments");
            if (all.isEmpty()) {
                spec.commandLine().getOut().println("No rollout in progress.");
            }
            all.forEach(this::print);
            return 0;
        }
    }

    /** {@code gyre deployments advance|analyse|promote|abort MODEL --reason …}. */
    @Command(mixinStandardHelpOptions = true)
    static final class Act extends ServerCall {

        @Parameters(index = "0", paramLabel = "MODEL", description = "The served model name.")
        String model;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded; required but for analyse).")
        String reason;

        private final String action;

        Act(String action, CliContext context) {
            super(context);
            this.action = action;
        }

        @Override
        public Integer call() {
            ObjectNode body = JSON.createObjectNode();
            body.put("model", model);
            if (reason != null) {
                body.put("reason", reason);
            }
            body.put("actor", context.userName());
            JsonNode answer = call("POST", action, body);
            PrintWriter out = spec.commandLine().getOut();
            if (answer.has("decision")) {
                out.println("Analysis: " + answer.get("decision").asText() + " — "
                        + answer.get("reason").asText());
            }
            if (answer.has("deployment")) {
                print(answer.get("deployment"));
            } else {
                out.println("Model " + model + ": rollout ended (" + action + ").");
            }
            out.flush();
            return 0;
        }
    }

    /** A few readable lines about one rollout. */
    static String describe(JsonNode d) {
        StringBuilder text = new StringBuilder();
        text.append("Deployment ")
                .append(d.get("id").asLong())
                .append(": ")
                .append(d.get("model").asText())
                .append(", ")
                .append(d.get("mode").asText())
                .append(" of version ")
                .append(d.get("candidate_version").asText())
                .append(" (")
                .append(d.get("candidate").asText())
                .append(") against version ")
                .append(d.get("stable_version").asText())
                .append('\n');
        text.append("  candidate traffic: ")
                .append(d.get("candidate_weight_percent").asInt())
                .append("% (steps ")
                .append(d.get("steps"))
                .append(")\n");
        text.append("  this window: candidate ")
                .append(arm(d.get("candidate_window")))
                .append("; stable ")
                .append(arm(d.get("stable_window")))
                .append('\n');
        if (d.has("shadow")) {
            JsonNode shadow = d.get("shadow");
            text.append("  shadow: ")
                    .append(shadow.get("agreed").asLong())
                    .append(" of ")
                    .append(shadow.get("compared").asLong())
                    .append(" answers agreed, ")
                    .append(shadow.get("dropped").asLong())
                    .append(" copies dropped\n");
        }
        String last = d.path("last_analysis").asText("");
        if (!last.isEmpty()) {
            text.append("  last analysis: ").append(last).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String arm(JsonNode arm) {
        return arm.get("requests").asLong() + " requests, " + arm.get("errors").asLong() + " errors, p99 "
                + (arm.get("p99_ms").isNull()
                        ? "n/a"
                        : String.format(
                                Locale.ROOT, "%.2f ms", arm.get("p99_ms").asDouble()));
    }
}
