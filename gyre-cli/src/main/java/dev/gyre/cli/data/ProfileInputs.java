package dev.gyre.cli.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gyre.cli.CliContext;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
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

    ProfileInputs(CliContext context, DatasetStoreOptions store) {
        this.context = context;
        this.store = store;
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
        Optional<DatasetReference> reference = DatasetReference.parse(argument);
        if (reference.isPresent()) {
            return stored(reference.get());
        }
        return load(Path.of(argument));
    }

    private DatasetProfile stored(DatasetReference reference) {
        try (DatasetsBackend backend = store.open(context, true)) {
            String json = backend.profile(reference.name(), reference.version().orElse(null));
            return new ProfileJson().read(json, reference.toString());
        }
    }

    /** The saved profile at {@code path}, or the profile of the data file at {@code path}, computed now. */
    static DatasetProfile load(Path path) {
        if (isSavedProfile(path)) {
            return new ProfileJson().read(path);
        }
        return DatasetProfiler.profile(DatasetSource.of(path));
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
