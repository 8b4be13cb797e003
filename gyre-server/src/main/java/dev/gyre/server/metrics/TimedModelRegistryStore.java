package dev.gyre.server.metrics;

import dev.gyre.core.page.Page;
import dev.gyre.core.registry.AliasChange;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.registry.RegisteredModel;
import dev.gyre.core.registry.Stage;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.ModelRegistryStore;
import java.util.List;

/** A {@link ModelRegistryStore} that times every call with a {@link StoreTimer}; behaviour is the delegate's. */
public final class TimedModelRegistryStore implements ModelRegistryStore {

    private final ModelRegistryStore delegate;
    private final StoreTimer timer;

    public TimedModelRegistryStore(ModelRegistryStore delegate, StoreTimer timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public RegisteredModel createRegisteredModel(String name, List<Tag> tags, String description) {
        return timer.time("createRegisteredModel", () -> delegate.createRegisteredModel(name, tags, description));
    }

    @Override
    public RegisteredModel getRegisteredModel(String name) {
        return timer.time("getRegisteredModel", () -> delegate.getRegisteredModel(name));
    }

    @Override
    public RegisteredModel renameRegisteredModel(String name, String newName) {
        return timer.time("renameRegisteredModel", () -> delegate.renameRegisteredModel(name, newName));
    }

    @Override
    public RegisteredModel updateRegisteredModel(String name, String description) {
        return timer.time("updateRegisteredModel", () -> delegate.updateRegisteredModel(name, description));
    }

    @Override
    public void deleteRegisteredModel(String name) {
        timer.run("deleteRegisteredModel", () -> delegate.deleteRegisteredModel(name));
    }

    @Override
    public Page<RegisteredModel> searchRegisteredModels(
            String filter, int maxResults, List<String> orderBy, String pageToken) {
        return timer.time(
                "searchRegisteredModels",
                () -> delegate.searchRegisteredModels(filter, maxResults, orderBy, pageToken));
    }

    @Override
    public List<ModelVersion> getLatestVersions(String name, List<Stage> stages) {
        return timer.time("getLatestVersions", () -> delegate.getLatestVersions(name, stages));
    }

    @Override
    public void setRegisteredModelTag(String name, Tag tag) {
        timer.run("setRegisteredModelTag", () -> delegate.setRegisteredModelTag(name, tag));
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        timer.run("deleteRegisteredModelTag", () -> delegate.deleteRegisteredModelTag(name, key));
    }

    @Override
    public void setRegisteredModelAlias(String name, String alias, long version) {
        timer.run("setRegisteredModelAlias", () -> delegate.setRegisteredModelAlias(name, alias, version));
    }

    @Override
    public void deleteRegisteredModelAlias(String name, String alias) {
        timer.run("deleteRegisteredModelAlias", () -> delegate.deleteRegisteredModelAlias(name, alias));
    }

    @Override
    public AliasChange moveAlias(String name, String alias, long version, String actor, String reason) {
        return timer.time("moveAlias", () -> delegate.moveAlias(name, alias, version, actor, reason));
    }

    @Override
    public Page<AliasChange> searchAliasHistory(String name, String alias, int maxResults, String pageToken) {
        return timer.time("searchAliasHistory", () -> delegate.searchAliasHistory(name, alias, maxResults, pageToken));
    }

    @Override
    public ModelVersion getModelVersionByAlias(String name, String alias) {
        return timer.time("getModelVersionByAlias", () -> delegate.getModelVersionByAlias(name, alias));
    }

    @Override
    public ModelVersion createModelVersion(
            String name, String source, String runId, List<Tag> tags, String runLink, String description) {
        return timer.time(
                "createModelVersion",
                () -> delegate.createModelVersion(name, source, runId, tags, runLink, description));
    }

    @Override
    public ModelVersion getModelVersion(String name, long version) {
        return timer.time("getModelVersion", () -> delegate.getModelVersion(name, version));
    }

    @Override
    public ModelVersion updateModelVersion(String name, long version, String description) {
        return timer.time("updateModelVersion", () -> delegate.updateModelVersion(name, version, description));
    }

    @Override
    public void deleteModelVersion(String name, long version) {
        timer.run("deleteModelVersion", () -> delegate.deleteModelVersion(name, version));
    }

    @Override
    public Page<ModelVersion> searchModelVersions(
            String filter, int maxResults, List<String> orderBy, String pageToken) {
        return timer.time(
                "searchModelVersions", () -> delegate.searchModelVersions(filter, maxResults, orderBy, pageToken));
    }

    @Override
    public ModelVersion transitionModelVersionStage(
            String name, long version, Stage stage, boolean archiveExistingVersions) {
        return timer.time(
                "transitionModelVersionStage",
                () -> delegate.transitionModelVersionStage(name, version, stage, archiveExistingVersions));
    }

    @Override
    public void setModelVersionTag(String name, long version, Tag tag) {
        timer.run("setModelVersionTag", () -> delegate.setModelVersionTag(name, version, tag));
    }

    @Override
    public void deleteModelVersionTag(String name, long version, String key) {
        timer.run("deleteModelVersionTag", () -> delegate.deleteModelVersionTag(name, version, key));
    }

    @Override
    public String getModelVersionDownloadUri(String name, long version) {
        return timer.time("getModelVersionDownloadUri", () -> delegate.getModelVersionDownloadUri(name, version));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
