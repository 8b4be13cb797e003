package dev.gyre.server.api.data;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetFormat;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.server.json.RequestFields;
import dev.gyre.store.DatasetRegistryStore;
import java.util.Set;

/**
 * Parses the data arguments of requests into {@link DataInput}s: exactly one of {@code path}, {@code profile} and
 * {@code dataset} (with an optional {@code version}, the latest when absent). Paths go through the server's
 * {@link DataPaths}; datasets are looked up in the registry (unknown ones are 404 {@code RESOURCE_DOES_NOT_EXIST}).
 */
record DataInputs(DataPaths paths, DatasetRegistryStore datasets) {

    /** The fields of an input object, also accepted at the top level of single-input endpoints. */
    static final Set<String> FIELDS = Set.of("path", "format", "profile", "dataset", "version");

    /** Reads the object field {@code name}. */
    DataInput required(RequestFields fields, String name) {
        DataInput input = optional(fields, name);
        if (input == null) {
            throw fields.missing(name);
        }
        return input;
    }

    /** As {@link #required}, or null when the field is absent. */
    DataInput optional(RequestFields fields, String name) {
        RequestFields object = fields.optionalObject(name);
        return object == null ? null : of(object.allowOnly(FIELDS), "'" + name + "'");
    }

    /** From the top-level fields of a request. */
    DataInput ofRequest(RequestFields fields) {
        return of(fields, "the request");
    }

    /** {@code where} names the object in error messages, e.g. {@code 'reference'}. */
    private DataInput of(RequestFields fields, String where) {
        String path = fields.optionalString("path");
        boolean inline = fields.raw("profile") != null;
        String dataset = fields.optionalString("dataset");
        int given = (path != null ? 1 : 0) + (inline ? 1 : 0) + (dataset != null ? 1 : 0);
        if (given != 1) {
            throw GyreException.invalid(where + " needs exactly one of 'path' (a file or folder on the server),"
                    + " 'profile' (a saved profile) and 'dataset' (a registered dataset)");
        }
        if (fields.optionalString("format") != null && path == null) {
            throw GyreException.invalid("'format' applies to 'path' only, in " + where);
        }
        if (fields.has("version") && dataset == null) {
            throw GyreException.invalid("'version' applies to 'dataset' only, in " + where);
        }
        if (inline) {
            String json = fields.raw("profile").toString();
            return new DataInput.Inline("profile in " + where, new ProfileJson().read(json, "'profile' in " + where));
        }
        if (dataset != null) {
            return registered(dataset, fields.optionalInt64("version"));
        }
        if (path.isBlank()) {
            throw GyreException.invalid("'path' must not be empty, in " + where);
        }
        String format = fields.optionalString("format");
        DatasetSource source = DatasetSource.of(
                paths.resolve(path, "'path' in " + where), format == null ? null : DatasetFormat.named(format));
        return new DataInput.OnDisk(path, source);
    }

    private DataInput registered(String name, Long version) {
        DatasetVersion found = version == null ? datasets.getLatestVersion(name) : datasets.getVersion(name, version);
        String json = datasets.getProfile(found.name(), found.version());
        String origin = "the stored profile of dataset " + found.name() + " version " + found.version();
        return new DataInput.Registered(found, new ProfileJson().read(json, origin), paths);
    }
}
