package dev.gyre.server.metrics;

import dev.gyre.store.artifact.ArtifactStore;
import java.io.InputStream;
import java.util.List;

/**
 * An {@link ArtifactStore} that times every call with a {@link StoreTimer}. A read is timed until the stream is
 * open, a write until the whole body has been stored.
 */
public final class TimedArtifactStore implements ArtifactStore {

    private final ArtifactStore delegate;
    private final StoreTimer timer;

    public TimedArtifactStore(ArtifactStore delegate, StoreTimer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public long write(String path, InputStream content) {
        return timer.time("write", () -> delegate.write(path, content));
    }

    @Override
    public InputStream read(String path) {
        return timer.time("read", () -> delegate.read(path));
    }

    @Override
    public List<FileInfo> list(String path) {
        return timer.time("list", () -> delegate.list(path));
    }

    @Override
    public void delete(String path) {
        timer.run("delete", () -> delegate.delete(path));
    }
}
