package dev.gyre.server;

import dev.gyre.store.TestDatabases;

/** Fresh backend store URIs for server tests, from the store module's test fixture. */
final class Backends {

    private Backends() {}

    static String h2() {
        return TestDatabases.h2Memory();
    }
}
