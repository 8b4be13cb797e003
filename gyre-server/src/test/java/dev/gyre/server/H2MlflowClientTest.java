package dev.gyre.server;

/** The MLflow Java client suite over an in-memory H2 database. */
class H2MlflowClientTest extends AbstractMlflowClientSuite {

    @Override
    protected String backendUri() {
        return Backends.h2();
    }
}
