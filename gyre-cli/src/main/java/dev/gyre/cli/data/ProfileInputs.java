package dev.gyre.cli.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gyre.cli.CliContext;
import dev.gyre.cli.output.KnownRowCount;
import dev.gyre.cli.output.Progress;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command argument that names data in one of three ways: a registered dataset version
 * ({@code datasets:/NAME[/VERSION]}, whose stored profile is used), a profile saved by {@code gyre data profile
 * --output}, or a data file profiled now. The first two need no data, so comparing two registered 3M-row datasets
 * reads neither.
 */
final class ProfileInputs {

    /** {@code datasets:/NAME} or {@code datasets:/NAME/VERSION}, like MLflow's {@code models:/NAME/VERSION}. */
    private static final Pattern REFERENCE = Pattern.compile("datasets:/+([^/]+)(?:/([0-9]+))?/?");

    private final CliContext context;
    private final DatasetStoreOptions store;
    private final PrintWriter err;
    private final boolean showProgress;

    /** Registered versions are looked up through {@code store}; data files are profiled without a progress line. */
    ProfileInputs(CliContext context, DatasetStoreOptions store) {
        this(context, store, null, false);
    }

    private ProfileInputs(CliContext context, DatasetStoreOptions store, PrintWriter err, boolean showProgress) {
        this.context = context;
        this.store = store;
        this.err = err;
        this.showProgress = showProgress;
    }

    /** The same, drawing a progress line on {@code err} while a data file is profiled, when {@code enabled}. */
    ProfileInputs withProgress(PrintWriter err, boolean enabled) {
        return new ProfileInputs(context, store, err, enabled);
    }

    /** A registered dataset version: its name, and its version or empty for the latest. */
    record DatasetReference(String name, Optional<Long> version) {

        /** The reference {@code argument} spells, if it is one; fails on a malformed {@code datasets:} argument. */
        static Optional<DatasetReference> parse(String argument) {
            if (!argument.startsWith("datasets:")) {
                return Optional.empty();
            }
            Matcher m = REFERENCE.matcher(argument);
            if (!m.matches()) {
                throw GyreException.invalid(
                        "bad dataset reference '" + argument + "': expected datasets:/NAME or datasets:/NAME/VERSION");
            }
            try {
                return Optional.of(new DatasetReference(
                        m.group(1), Optional.ofNullable(m.group(2)).map(Long::parseLong)));
            } catch (NumberFormatException e) {
                throw GyreException.invalid("bad dataset reference '" + argument + "': version out of range");
            }
        }

        @Override
        public String toString() {
            return "datasets:/" + name + version.map(v -> "/" + v).orElse("");
        }
    }

    /** The stored profile of a registered version, the saved profile at the path, or the data's profile. */
    DatasetProfile load(String argument) {
        return load(argument, argument);
    }

    /** As {@link #load(String)}; {@code what} names the input on the progress line, e.g. {@code reference a.csv}. */
    DatasetProfile load(String argument, String what) {
        Optional<DatasetReference> reference = DatasetReference.parse(argument);
        if (reference.isPresent()) {
            return stored(reference.get());
        }
        Path path = Path.of(argument);
        if (isSavedProfile(path)) {
            return new ProfileJson().read(path);
        }
        DatasetSource source = DatasetSource.of(path);
        try (Progress progress =
                Progress.start(err, showProgress, "profiling " + what, showProgress ? KnownRowCount.of(source) : -1)) {
            return DatasetProfiler.profile(source, progress.profilerListener());
        }
    }

    private DatasetProfile stored(DatasetReference reference) {
        try (DatasetsBackend backend = store.open(context, true)) {
            String json = backend.profile(reference.name(), reference.version().orElse(null));
            return new ProfileJson().read(json, reference.toString());
        }
    }

    /** A regular {@code .json} file whose first token opens an object whose first field is {@code format_version}. */
    static boolean isSavedProfile(Path path) {
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") || !Files.isRegularFile(path)) {
            return false;
        }
        try (JsonParser parser = new JsonFactory().createParser(path.toFile())) {
            return parser.nextToken() == JsonToken.START_OBJECT
                    && parser.nextToken() == JsonToken.FIELD_NAME
                    && parser.currentName().equals("format_version");
        } catch (IOException e) {
            return false;
        }
    }
}
