package dev.gyre.data.schema;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The hand-made files under {@code src/test/resources/schema/} and the shared real datasets. */
final class SchemaFixtures {

    private SchemaFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(SchemaFixtures.class.getResource("/schema/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path shared(String name) {
        return Path.of(System.getProperty("gyre.shared.data", "../../shared/data"), name)
                .toAbsolutePath()
                .normalize();
    }
}
