package dev.gyre.store;

/** The RunSearch contract on an embedded H2 database. */
class H2RunSearchTest extends RunSearchContract {
    @Override
    protected String freshBackendUri() {
        return TestDatabases.h2Memory();
    }
}
