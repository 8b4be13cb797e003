package dev.gyre.store.artifact;

import java.io.InputStream;
import java.util.List;

/**
 * A tree of artifact files addressed by relative paths such as {@code 1/<runId>/artifacts/model/model.json}.
 *
 * <p>Contract: every path is validated before any file-system call (no {@code ..}, no absolute paths, no escape
 * through symbolic links, no encoded separators) and a bad one raises {@code INVALID_PARAMETER_VALUE}; a write is
 * atomic — readers see the old file or the whole new one, never a partial file, and a failed write leaves
 * nothing behind. Implementations are thread-safe.
 */
public interface ArtifactStore {

    /** Writes {@code content} at {@code path}, replacing an existing file atomically; returns bytes written. */
    long write(String path, InputStream content);

    /** Opens a file for reading; the caller closes the stream. Missing file: {@code RESOURCE_DOES_NOT_EXIST}. */
    InputStream read(String path);

    /** Direct children of a directory ({@code ""} for the root); empty when the directory does not exist. */
    List<FileInfo> list(String path);

    /** Deletes a file or a directory tree; missing path: {@code RESOURCE_DOES_NOT_EXIST}. */
    void delete(String path);

    /** A listing entry; {@code path} is relative to the listed root, {@code fileSize} is null for directories. */
    record FileInfo(String path, boolean isDir, Long fileSize) {}
}
