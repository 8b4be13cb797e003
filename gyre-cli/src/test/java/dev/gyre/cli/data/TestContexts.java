package dev.gyre.cli.data;

import dev.gyre.cli.CliContext;
import dev.gyre.cli.StopSignal;
import java.nio.file.Path;
import java.util.Map;

/** {@link CliContext}s for running the data commands in-process. */
final class TestContexts {

    /** The data commands never wait for a stop. */
    private static final StopSignal NEVER_STOPS = new StopSignal() {
        @Override
        public void awaitStop() {}

        @Override
        public void stopped() {}
    };

    private TestContexts() {}

    /** No environment, user {@code tester} with its home at {@code home}, and no stop signal. */
    static CliContext local(Path home) {
        return new CliContext(Map.of(), home, "tester", NEVER_STOPS);
    }
}
