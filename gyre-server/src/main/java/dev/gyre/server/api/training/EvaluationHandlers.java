package dev.gyre.server.api.training;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.server.api.ApiRoutes;
import dev.gyre.server.api.data.DataPaths;
import dev.gyre.server.api.data.DataWorkLimiter;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.RequestFields;
import dev.gyre.train.evaluate.EvaluationJson;
import dev.gyre.train.evaluate.EvaluationPage;
import dev.gyre.train.run.ModelEvaluation;
import dev.gyre.train.run.TrainingJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/2.0/gyre/models/evaluate}: {@code gyre evaluate} over HTTP — a registered model scored on labelled
 * data on the server, against its own targets, its metrics at training, the champion and any {@code compare} models.
 *
 * <p>Request: {@code {"model": "models:/NAME@ALIAS" | "models:/NAME/VERSION", "data": {"path": …} | {"dataset":
 * NAME, "version"?: N}, "compare"?: [model references], "report"?: "json" | "html"}}. Only registered models are
 * accepted: a package folder on the server's disk is not, since the API must not load whatever folder a caller
 * names. A data path passes the server's {@link DataPaths}, as does the source of a registered dataset version (whose
 * latest version is used when none is given). Answers {@code {"model", "data", "rows_without_target", "gate_passed",
 * "reasons", "notes", "evaluation": <evaluation.json>}}, or the HTML report with {@code "report": "html"}; nothing
 * is recorded. Scoring is CPU-heavy, so it runs under the data endpoints' {@link DataWorkLimiter} (503 when every
 * worker stays busy).
 */
public final class EvaluationHandlers {

    private static final Set<String> EVALUATE = Set.of("model", "data", "compare", "report");
    private static final Set<String> DATA = Set.of("path", "dataset", "version");

    private final TrainingContext context;
    private final DataWorkLimiter limiter;
    private final DataPaths paths;

    public EvaluationHandlers(TrainingContext context, DataWorkLimiter limiter, DataPaths paths) {
        this.context = context;
        this.limiter = limiter;
        this.paths = paths;
    }

    public void register(ApiRoutes routes) {
        routes.post("models/evaluate", this::evaluate);
    }

    private void evaluate(ApiExchange ex) {
        RequestFields f = ex.fields(EVALUATE);
        String model = registered(f.requiredString("model"), "'model'");
        List<String> compare = new ArrayList<>();
        List<String> given = f.stringList("compare");
        for (int i = 0; i < given.size(); i++) {
            compare.add(registered(given.get(i), "'compare[" + i + "]'"));
        }
        boolean html = html(f.optionalString("report"));
        String data = data(f.requiredObject("data").allowOnly(DATA));
        ModelEvaluation evaluation =
                new ModelEvaluation(context.environment(TrainingContext.DEFAULT_USER), TrainingJob.Listener.NONE);
        ModelEvaluation.Result result = limiter.run(() -> evaluation.evaluate(model, data, compare));
        if (html) {
            ex.sendBytes(
                    200,
                    "text/html; charset=utf-8",
                    EvaluationPage.html(result.report()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        String document = EvaluationJson.write(result.report());
        ex.sendJson(g -> {
            g.writeStringField("model", result.model());
            g.writeStringField("data", result.data());
            g.writeNumberField("rows_without_target", result.rowsWithoutTarget());
            g.writeBooleanField("gate_passed", result.gatePassed());
            g.writeArrayFieldStart("reasons");
            for (String reason : result.report().verdict().reasons()) {
                g.writeString(reason);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("notes");
            for (String note : result.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeFieldName("evaluation");
            g.writeRawValue(document.strip());
        });
    }

    /** {@code reference} when it names a registered model; a package folder is refused. */
    private static String registered(String reference, String field) {
        if (!reference.startsWith("models:/")) {
            throw GyreException.invalid(field + " must be a registered model, models:/NAME/VERSION or"
                    + " models:/NAME@ALIAS, was '" + reference + "' (the API does not read model package folders)");
        }
        return reference;
    }

    private static boolean html(String report) {
        if (report == null || report.equals("json")) {
            return false;
        }
        if (report.equals("html")) {
            return true;
        }
        throw GyreException.invalid("'report' must be \"json\" or \"html\", was \"" + report + "\"");
    }

    /** The data as {@link ModelEvaluation} names it: a checked real path or {@code datasets:/NAME/VERSION}. */
    private String data(RequestFields data) {
        String path = data.optionalString("path");
        String dataset = data.optionalString("dataset");
        if ((path == null) == (dataset == null)) {
            throw GyreException.invalid("'data' needs exactly one of 'path' (a file or folder on the server) and"
                    + " 'dataset' (a registered dataset)");
        }
        if (data.has("version") && dataset == null) {
            throw GyreException.invalid("'version' applies to 'dataset' only, in 'data'");
        }
        if (path != null) {
            if (path.isBlank()) {
                throw GyreException.invalid("'path' must not be empty, in 'data'");
            }
            return paths.resolve(path, "'data.path'").toString();
        }
        Long version = data.optionalInt64("version");
        DatasetVersion found = version == null
                ? context.datasets().getLatestVersion(dataset)
                : context.datasets().getVersion(dataset, version);
        Path source;
        try {
            source = Path.of(found.source());
        } catch (InvalidPathException e) {
            source = null;
        }
        if (source == null || !source.isAbsolute()) {
            throw GyreException.invalid("dataset " + found.name() + " version " + found.version() + " was registered"
                    + " from '" + found.source() + "', which is not a path on this server");
        }
        paths.check(source);
        return "datasets:/" + found.name() + "/" + found.version();
    }
}
