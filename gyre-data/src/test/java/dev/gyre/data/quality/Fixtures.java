package dev.gyre.data.quality;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The hand-made files under {@code src/test/resources/quality/} and the shared real datasets. */
final class Fixtures {

    private Fixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/quality/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path shared(String name) {
        return Path.of(System.getProperty("gyre.shared.data", "../../shared/data"), name);
    }
}
