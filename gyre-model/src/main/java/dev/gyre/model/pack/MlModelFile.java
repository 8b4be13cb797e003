package dev.gyre.model.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Writes the {@code MLmodel} file that makes a Gyre package look like an MLflow model to MLflow's tooling: the UI
 * shows its signature and run, and {@code mlflow models} commands recognise the folder. It declares a single
 * {@code gyre} flavor and deliberately no {@code python_function} or {@code xgboost} flavor: the booster alone,
 * without the feature pipeline, would score the wrong inputs, and claiming otherwise would invite exactly the
 * training/serving skew the package exists to prevent.
 */
final class MlModelFile {

    static final String FILE_NAME = "MLmodel";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MLFLOW_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private MlModelFile() {}

    /**
     * The file's text. {@code modelUuid} is derived from the manifest's content so that the same package always
     * writes the same file.
     */
    static String render(PackageManifest manifest, String pipelineFile) {
        ObjectNode root = YAML.createObjectNode();
        root.put("artifact_path", "model");
        ObjectNode gyre = root.putObject("flavors").putObject("gyre");
        gyre.put("format", ModelPackage.FORMAT_PREFIX + manifest.formatVersion());
        gyre.put("manifest", ModelPackage.MANIFEST_FILE);
        gyre.put("pipeline", pipelineFile);
        gyre.put("model_file", manifest.modelFile());
        gyre.put("runtime", manifest.runtime());
        gyre.put("task", manifest.task().label());
        gyre.put("gyre_version", manifest.gyreVersion());
        root.put(
                "model_uuid",
                UUID.nameUUIDFromBytes(ManifestJson.write(manifest).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", ""));
        if (manifest.lineage().runId() != null) {
            root.put("run_id", manifest.lineage().runId());
        }
        ObjectNode signature = root.putObject("signature");
        signature.put("inputs", columnSchema(manifest.signature().inputs()));
        signature.put("outputs", columnSchema(manifest.signature().outputs()));
        signature.putNull("params");
        root.put("utc_time_created", MLFLOW_TIME.format(Instant.parse(manifest.createdAt())));
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }

    /** MLflow stores a column-based schema as a JSON string inside the YAML. */
    private static String columnSchema(List<Signature.Field> fields) {
        ArrayNode array = JSON.createArrayNode();
        for (Signature.Field field : fields) {
            ObjectNode column = array.addObject();
            column.put("type", field.mlflowType());
            column.put("name", field.name());
            column.put("required", field.required());
        }
        return array.toString();
    }
}
