package dev.gyre.server.api.data;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.read.ContentHash;
import dev.gyre.data.read.DatasetFormat;
import dev.gyre.data.read.DatasetSource;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * One data argument of a data endpoint, in one of three forms (parsed by {@link DataInputs}): a file or folder on
 * the server's disk, a profile sent inline (two saved profiles compare with no data on the server), or a registered
 * dataset version, whose stored profile stands for its data so that comparing registered datasets reads no rows.
 */
sealed interface DataInput {

    /** How reports name this input. */
    String label();

    /** The input's profile: as sent or stored, or computed now from the file. */
    DatasetProfile profile();

    /** The rows, for row-level work; fails for an inline profile. */
    DatasetSource requireSource(String operation);

    /** {@code {"path": …, "format"?: …}}: {@code source} already passed {@link DataPaths}. */
    record OnDisk(String label, DatasetSource source) implements DataInput {

        @Override
        public DatasetProfile profile() {
            return DatasetProfiler.profile(source);
        }

        @Override
        public DatasetSource requireSource(String operation) {
            return source;
        }
    }

    /** {@code {"profile": {…}}}, as {@code gyre data profile --output} writes it. */
    record Inline(String label, DatasetProfile profile) implements DataInput {

        @Override
        public DatasetSource requireSource(String operation) {
            throw GyreException.invalid(
                    operation + " needs data ('path' or 'dataset'), not a saved profile, in " + label);
        }
    }

    /**
     * {@code {"dataset": …, "version"?: …}}: the stored profile of the version. Row-level work reads the version's
     * source, through the data roots, and only if its bytes still have the registered digest, so that the rows
     * checked are the version named and not whatever the file holds today.
     */
    record Registered(DatasetVersion version, DatasetProfile profile, DataPaths paths) implements DataInput {

        @Override
        public String label() {
            return "dataset " + version.name() + " version " + version.version();
        }

        @Override
        public DatasetSource requireSource(String operation) {
            Path path;
            try {
                path = Path.of(version.source());
            } catch (InvalidPathException e) {
                path = null;
            }
            if (path == null || !path.isAbsolute()) {
                throw GyreException.invalid(operation + " needs the rows of " + label() + ", but its source '"
                        + version.source() + "' is not a path on this server");
            }
            DatasetSource source = DatasetSource.of(paths.check(path), DatasetFormat.named(version.format()));
            String digest = ContentHash.of(source);
            if (!digest.equals(version.digest())) {
                throw new GyreException(
                        ErrorCode.INVALID_STATE,
                        version.source() + " changed since it was registered as " + label() + " (digest " + digest
                                + ", registered " + version.digest() + "); register it again");
            }
            return source;
        }
    }
}
