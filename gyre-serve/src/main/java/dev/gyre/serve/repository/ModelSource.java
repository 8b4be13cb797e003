package dev.gyre.serve.repository;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelUri;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a served model comes from: a registered version or alias ({@code models:/credit/3}, {@code
 * models:/credit@champion}, followed when the alias moves), or a local file or folder (a Gyre package folder, an
 * {@code .onnx} file, an XGBoost model file).
 */
public sealed interface ModelSource {

    /** The name the model is served under when none is given: the registered name, or the file name. */
    String defaultName();

    /** A registered model version or alias. */
    record Registered(ModelUri uri) implements ModelSource {
        @Override
        public String defaultName() {
            return uri.name();
        }

        @Override
        public String toString() {
            return uri.toString();
        }
    }

    /** A local package folder or model file. */
    record Local(Path path) implements ModelSource {
        @Override
        public String defaultName() {
            String file = path.getFileName().toString();
            int dot = file.lastIndexOf('.');
            return dot > 0 && !Files.isDirectory(path) ? file.substring(0, dot) : file;
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** Parses what a user typed; {@code GyreException.invalid} naming the problem. */
    static ModelSource parse(String text) {
        if (text == null || text.isBlank()) {
            throw GyreException.invalid("a model source is empty: write models:/NAME/VERSION, models:/NAME@ALIAS"
                    + " or the path of a model package folder, .onnx file or XGBoost model file");
        }
        if (ModelUri.looksLikeOne(text)) {
            return new Registered(ModelUri.parse(text));
        }
        Path path = Path.of(text).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw GyreException.invalid(
                    "model source " + text + ": " + path + " does not exist (write models:/NAME/VERSION,"
                            + " models:/NAME@ALIAS or the path of a model package folder, .onnx file or XGBoost model file)");
        }
        return new Local(path);
    }
}
