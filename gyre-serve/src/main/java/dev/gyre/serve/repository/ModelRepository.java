package dev.gyre.serve.repository;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.serve.batch.BatchSettings;
import dev.gyre.serve.runtime.WarmUp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a prediction server serves, by name. Every model is loaded and warmed up before the repository is
 * returned (a server is ready only then). Models served by alias ({@code models:/credit@champion}) are followed: a
 * watcher asks the registry every poll interval where each alias points and, when it moved, loads and warms up the
 * new version beside the old one, switches requests over and retires the old version once its last request is done
 * — the switch fails no request. A version that cannot be loaded leaves the current one serving.
 */
public final class ModelRepository implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRepository.class);

    /** One model to serve: the name requests use and where it comes from. */
    public record Entry(String name, ModelSource source) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }
    }

    private final Map<String, ServedModel> models;
    private final ModelLoader loader;
    private final BatchSettings settings;
    private final RepositoryEvents events;
    private final ScheduledExecutorService watcher;

    private ModelRepository(
            Map<String, ServedModel> models,
            ModelLoader loader,
            BatchSettings settings,
            RepositoryEvents events,
            Duration pollInterval) {
        this.models = models;
        this.loader = loader;
        this.settings = settings;
        this.events = events;
        boolean follows = models.values().stream()
                .anyMatch(m -> m.source() instanceof ModelSource.Registered r
                        && r.uri().byAlias());
        if (follows && !pollInterval.isZero()) {
            this.watcher = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("gyre-alias-watcher").daemon().factory());
            long millis = pollInterval.toMillis();
            watcher.scheduleWithFixedDelay(this::reloadQuietly, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            this.watcher = null;
        }
    }

    /**
     * Loads and warms up every entry; {@code GyreException} naming the entry that failed (and nothing left loaded)
     * otherwise. {@code pollInterval} zero: aliases are not followed by a watcher ({@link #reloadChanged()} still
     * works).
     */
    public static ModelRepository open(
            List<Entry> entries,
            ModelLoader loader,
            BatchSettings settings,
            RepositoryEvents events,
            Duration pollInterval) {
        if (entries.isEmpty()) {
            throw GyreException.invalid("no model to serve: name at least one");
        }
        Map<String, ServedModel> models = new LinkedHashMap<>();
        try {
            for (Entry entry : entries) {
                if (models.containsKey(entry.name())) {
                    throw GyreException.invalid("two models are served under the name '" + entry.name()
                            + "'; give one another name (NAME=SOURCE)");
                }
                ServedModel model = new ServedModel(entry.name(), entry.source());
                models.put(entry.name(), model);
                model.switchTo(loadVersion(entry.name(), loader.load(entry.source()), settings, events));
            }
        } catch (RuntimeException e) {
            models.values().forEach(ServedModel::unload);
            throw e;
        }
        return new ModelRepository(models, loader, settings, events, pollInterval);
    }

    private static ServedVersion loadVersion(
            String name, LoadedVersion loaded, BatchSettings settings, RepositoryEvents events) {
        long start = System.nanoTime();
        try {
            WarmUp.run(loaded.runtime(), 3);
        } catch (RuntimeException e) {
            loaded.runtime().close();
            ModelLoader.deleteFolder(loaded.temporaryFolder());
            throw GyreException.invalid("model '" + name + "' version " + loaded.version()
                    + " failed its warm-up scoring: " + e.getMessage());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        ServedVersion version = new ServedVersion(loaded, settings, events.batches(name, loaded.version()), millis);
        events.loaded(name, loaded.version(), millis);
        return version;
    }

    /**
     * Loads and warms up {@code source} as a version of {@code name} without serving it (a rollout's candidate); the
     * caller retires it when done.
     */
    public ServedVersion prepare(String name, ModelSource source) {
        return loadVersion(name, loader.load(source), settings, events);
    }

    /**
     * Makes {@code next} the served version of {@code model} (a promoted rollout candidate) after running {@code
     * first} (which moves the followed alias in the registry), under the same lock as {@link #reloadChanged()}: the
     * alias watcher never sees the alias and the served version disagree half-way. When {@code first} fails nothing
     * changes.
     */
    public synchronized void promote(ServedModel model, ServedVersion next, Runnable first) {
        first.run();
        model.promote(next);
    }

    /** The model served under {@code name}. */
    public Optional<ServedModel> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** Every served model, in the order given. */
    public Collection<ServedModel> models() {
        return models.values();
    }

    /**
     * Asks the registry where each followed alias points and switches the models whose alias moved; answers how many
     * switched. A model whose new version fails to load keeps its current version (reported to the events).
     */
    public synchronized int reloadChanged() {
        int switched = 0;
        for (ServedModel model : models.values()) {
            if (!(model.source() instanceof ModelSource.Registered registered)
                    || !registered.uri().byAlias()) {
                continue;
            }
            try {
                ModelVersion target = loader.resolve(registered.uri());
                ServedVersion current = model.current();
                if (current != null && current.version().equals(Long.toString(target.version()))) {
                    continue;
                }
                model.switchTo(loadVersion(model.name(), loader.load(target), settings, events));
                LOG.info("model '{}' now serves version {} ({})", model.name(), target.version(), registered.uri());
                switched++;
            } catch (RuntimeException e) {
                LOG.warn("model '{}': cannot follow {}: {}", model.name(), registered.uri(), e.getMessage());
                events.reloadFailed(model.name(), e.getMessage());
            }
        }
        return switched;
    }

    private void reloadQuietly() {
        try {
            reloadChanged();
        } catch (RuntimeException e) {
            LOG.warn("alias watcher: {}", e.toString());
        }
    }

    /** Stops following aliases and unloads every model once its requests are done. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            try {
                watcher.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ServedModel> all = new ArrayList<>(models.values());
        all.forEach(ServedModel::unload);
    }
}
