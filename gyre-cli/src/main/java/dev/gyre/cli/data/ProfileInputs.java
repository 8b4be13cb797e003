package dev.gyre.cli.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A command argument that is either a profile saved by {@code gyre data profile --output} or a data file: saved
 * profiles need no data, so comparing two 3M-row datasets by their profiles does not re-read them.
 */
final class ProfileInputs {

    private ProfileInputs() {}

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
