package dev.gyre.server.api.data;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetFormat;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.server.json.RequestFields;
import java.nio.file.Path;
import java.util.Set;

/**
 * One data argument of a data endpoint: a file or folder on the server's disk ({@code {"path": …, "format": …}})
 * or a profile sent inline ({@code {"profile": {…}}}, as {@code gyre data profile --output} writes it), so two
 * saved profiles can be compared without any data on the server.
 */
record DataInput(String label, DatasetSource source, DatasetProfile inlineProfile) {

    static final Set<String> FIELDS = Set.of("path", "format", "profile");

    /** Reads the object field {@code name}; exactly one of {@code path} and {@code profile} must be given. */
    static DataInput required(RequestFields fields, String name) {
        DataInput input = optional(fields, name);
        if (input == null) {
            throw fields.missing(name);
        }
        return input;
    }

    /** As {@link #required}, or null when the field is absent. */
    static DataInput optional(RequestFields fields, String name) {
        RequestFields object = fields.optionalObject(name);
        return object == null ? null : of(object.allowOnly(FIELDS), "'" + name + "'");
    }

    /** From the top-level fields of a request ({@code path}, {@code format}, {@code profile}). */
    static DataInput ofRequest(RequestFields fields) {
        return of(fields, "the request");
    }

    /** {@code where} names the object in error messages, e.g. {@code 'reference'}. */
    private static DataInput of(RequestFields fields, String where) {
        String path = fields.optionalString("path");
        boolean inline = fields.raw("profile") != null;
        if ((path == null) == !inline) {
            throw GyreException.invalid(where + " needs exactly one of 'path' (a file or folder on the server)"
                    + " and 'profile' (a saved profile)");
        }
        if (inline) {
            if (fields.optionalString("format") != null) {
                throw GyreException.invalid("'format' applies to 'path' only, in " + where);
            }
            String json = fields.raw("profile").toString();
            return new DataInput("profile in " + where, null, new ProfileJson().read(json, "'profile' in " + where));
        }
        if (path.isBlank()) {
            throw GyreException.invalid("'path' must not be empty, in " + where);
        }
        String format = fields.optionalString("format");
        DatasetSource source = DatasetSource.of(Path.of(path), format == null ? null : DatasetFormat.named(format));
        return new DataInput(path, source, null);
    }

    /** The data file's source; fails when this input is an inline profile. */
    DatasetSource requireSource(String operation) {
        if (source == null) {
            throw GyreException.invalid(operation + " needs data ('path'), not a saved profile");
        }
        return source;
    }

    /** The inline profile, or the profile of the data computed now. */
    DatasetProfile profile() {
        return inlineProfile != null ? inlineProfile : DatasetProfiler.profile(source);
    }
}
