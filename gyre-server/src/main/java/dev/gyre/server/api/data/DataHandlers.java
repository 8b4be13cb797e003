package dev.gyre.server.api.data;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.drift.ProfileComparison;
import dev.gyre.data.drift.ProfileComparisonJson;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.quality.QualityChecks;
import dev.gyre.data.quality.QualityConfig;
import dev.gyre.data.quality.QualityJson;
import dev.gyre.data.quality.QualityReport;
import dev.gyre.data.report.ComparisonPage;
import dev.gyre.data.report.ProfilePage;
import dev.gyre.data.report.QualityPage;
import dev.gyre.data.report.ValidationPage;
import dev.gyre.data.schema.InferenceOptions;
import dev.gyre.data.schema.Schema;
import dev.gyre.data.schema.SchemaFiles;
import dev.gyre.data.schema.SchemaInference;
import dev.gyre.data.validate.DatasetValidator;
import dev.gyre.data.validate.ValidationJson;
import dev.gyre.data.validate.ValidationOptions;
import dev.gyre.data.validate.ValidationReport;
import dev.gyre.server.api.ApiRoutes;
import dev.gyre.server.http.ApiExchange;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.DatasetRegistryStore;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The data stage over HTTP ({@code data/profile}, {@code data/compare}, {@code data/check-labels},
 * {@code data/infer-schema}, {@code data/validate}): the same
 * computations as {@code gyre data …}, on files the <em>server</em> may read (see {@link DataPaths}), on profiles
 * sent inline or on registered dataset versions (see {@link DataInput}), answered as JSON or, with
 * {@code "report": "html"}, as the self-contained HTML page of {@code --html}. Data work
 * is CPU-heavy, so at most {@link DataWorkLimiter#permits()} requests compute at once; the rest wait briefly and
 * then get 503, and the tracking API keeps answering meanwhile.
 */
public final class DataHandlers {

    private static final Set<String> PROFILE = withInput("report");
    private static final Set<String> COMPARE = union(DriftSettings.FIELDS, Set.of("reference", "current", "report"));
    private static final Set<String> CHECK_LABELS = withInput(
            "label",
            "features",
            "rare_class_fraction",
            "rare_class_count",
            "near_constant_fraction",
            "leakage_accuracy",
            "leakage_min_lift",
            "examples",
            "report");

    private static final Set<String> INFER_SCHEMA = withInput("max_domain_size", "with_ranges", "as");
    private static final Set<String> VALIDATE =
            union(DriftSettings.FIELDS, withInput("schema", "reference", "training", "report"));

    private final DataWorkLimiter limiter;
    private final DataInputs inputs;

    /**
     * @param paths which files on the server's disk the endpoints may read
     * @param datasets the registry whose versions {@code {"dataset": …}} inputs name
     */
    public DataHandlers(DataWorkLimiter limiter, DataPaths paths, DatasetRegistryStore datasets) {
        this.limiter = limiter;
        this.inputs = new DataInputs(paths, datasets);
    }

    public void register(ApiRoutes routes) {
        routes.post("data/profile", this::profile)
                .post("data/compare", this::compare)
                .post("data/check-labels", this::checkLabels)
                .post("data/infer-schema", this::inferSchema)
                .post("data/validate", this::validate);
    }

    private void profile(ApiExchange ex) {
        RequestFields f = ex.fields(PROFILE);
        ReportFormat report = ReportFormat.of(f);
        DataInput input = inputs.ofRequest(f);
        DatasetProfile profile = limited(input::profile);
        if (report == ReportFormat.HTML) {
            sendHtml(ex, new ProfilePage(input.label(), profile).html());
        } else {
            sendJsonText(ex, new ProfileJson().write(profile));
        }
    }

    private void compare(ApiExchange ex) {
        RequestFields f = ex.fields(COMPARE);
        ReportFormat report = ReportFormat.of(f);
        DataInput reference = inputs.required(f, "reference");
        DataInput current = inputs.required(f, "current");
        ProfileDrift drift = DriftSettings.of(f).drift();
        Profiles profiles = limited(() -> new Profiles(reference.profile(), current.profile()));
        ProfileComparison comparison = drift.compare(profiles.reference(), profiles.current());
        if (report == ReportFormat.HTML) {
            sendHtml(
                    ex,
                    new ComparisonPage(
                                    reference.label(),
                                    current.label(),
                                    comparison,
                                    profiles.reference(),
                                    profiles.current(),
                                    false)
                            .html());
        } else {
            sendJsonText(ex, new ProfileComparisonJson().write(comparison, reference.label(), current.label()));
        }
    }

    private void checkLabels(ApiExchange ex) {
        RequestFields f = ex.fields(CHECK_LABELS);
        ReportFormat format = ReportFormat.of(f);
        DataInput input = inputs.ofRequest(f);
        QualityConfig config = qualityConfig(f);
        QualityReport report = limited(() ->
                new QualityChecks().run(input.requireSource("data/check-labels").path(), config));
        if (format == ReportFormat.HTML) {
            sendHtml(ex, new QualityPage(report).html());
        } else {
            sendJsonText(ex, new QualityJson().write(report));
        }
    }

    private void inferSchema(ApiExchange ex) {
        RequestFields f = ex.fields(INFER_SCHEMA);
        DataInput input = inputs.ofRequest(f);
        int maxDomainSize = f.int32Or("max_domain_size", InferenceOptions.DEFAULT_MAX_DOMAIN_SIZE);
        if (maxDomainSize < 0) {
            throw GyreException.invalid("'max_domain_size' must be >= 0, was " + maxDomainSize);
        }
        Boolean withRanges = f.optionalBool("with_ranges");
        String as = f.stringOr("as", "json");
        if (!as.equals("json") && !as.equals("yaml")) {
            throw GyreException.invalid("'as' must be \"json\" or \"yaml\", was \"" + as + "\"");
        }
        InferenceOptions options = new InferenceOptions(maxDomainSize, withRanges != null && withRanges);
        Schema schema = SchemaInference.infer(limited(input::profile), options);
        if (as.equals("yaml")) {
            ex.sendBytes(
                    200,
                    "application/yaml; charset=utf-8",
                    SchemaFiles.toYaml(schema).getBytes(StandardCharsets.UTF_8));
        } else {
            sendJsonText(ex, SchemaFiles.toJson(schema));
        }
    }

    private void validate(ApiExchange ex) {
        RequestFields f = ex.fields(VALIDATE);
        ReportFormat report = ReportFormat.of(f);
        DataInput input = inputs.ofRequest(f);
        if (f.raw("schema") == null) {
            throw f.missing("schema");
        }
        if (!f.raw("schema").isObject()) {
            throw f.wrongType("schema", f.raw("schema"), "a schema object (the JSON form of a schema file)");
        }
        Schema schema = SchemaFiles.fromJson(f.raw("schema").toString(), "'schema'");
        DataInput reference = inputs.optional(f, "reference");
        DataInput training = inputs.optional(f, "training");
        DriftSettings drift = DriftSettings.of(f);
        ValidationReport result = limited(() -> {
            ValidationOptions options = ValidationOptions.defaults().withDrift(drift.config(), drift.minEffect());
            if (reference != null) {
                options = options.withReference(reference.profile());
            }
            if (training != null) {
                options = options.withTraining(training.profile());
            }
            // A registered dataset is validated by its stored profile, like an inline one: no rows are read, so
            // row-level expectations are reported as skipped.
            return input instanceof DataInput.OnDisk disk
                    ? DatasetValidator.validate(disk.source(), schema, options)
                    : DatasetValidator.validate(input.profile(), schema, options);
        });
        if (report == ReportFormat.HTML) {
            sendHtml(ex, new ValidationPage(input.label(), "the request's schema", result).html());
        } else {
            sendJsonText(ex, new ValidationJson().write(result, input.label()));
        }
    }

    /** An endpoint's fields: the input's ({@link DataInputs#FIELDS}) and its own. */
    private static Set<String> withInput(String... own) {
        Set<String> fields = new HashSet<>(DataInputs.FIELDS);
        fields.addAll(List.of(own));
        return Set.copyOf(fields);
    }

    private static QualityConfig qualityConfig(RequestFields f) {
        QualityConfig config = QualityConfig.forLabel(f.requiredString("label"));
        if (f.has("features")) {
            config = config.withFeatures(f.stringList("features"));
        }
        if (f.has("rare_class_fraction") || f.has("rare_class_count")) {
            double fraction =
                    f.has("rare_class_fraction") ? f.requiredDouble("rare_class_fraction") : config.rareClassFraction();
            long count = f.has("rare_class_count") ? f.requiredInt64("rare_class_count") : config.rareClassCount();
            config = config.withRareClass(fraction, count);
        }
        if (f.has("near_constant_fraction")) {
            config = config.withNearConstantFraction(f.requiredDouble("near_constant_fraction"));
        }
        if (f.has("leakage_accuracy") || f.has("leakage_min_lift")) {
            double accuracy =
                    f.has("leakage_accuracy") ? f.requiredDouble("leakage_accuracy") : config.leakageAccuracy();
            double lift = f.has("leakage_min_lift") ? f.requiredDouble("leakage_min_lift") : config.leakageMinLift();
            config = config.withLeakage(accuracy, lift);
        }
        if (f.has("examples")) {
            config = config.withExamples(f.int32Or("examples", config.examples()));
        }
        return config;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private <T> T limited(Supplier<T> work) {
        return limiter.run(work);
    }

    private record Profiles(DatasetProfile reference, DatasetProfile current) {}

    static void sendHtml(ApiExchange ex, String html) {
        ex.sendBytes(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendJsonText(ApiExchange ex, String json) {
        ex.sendJsonBytes(json.getBytes(StandardCharsets.UTF_8));
    }
}
