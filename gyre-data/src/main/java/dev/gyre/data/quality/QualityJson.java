package dev.gyre.data.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.UncheckedIOException;

/** The JSON form of a {@link QualityReport}, for {@code --json} and for pipelines that archive reports. */
public final class QualityJson {

    private final ObjectWriter writer = new ObjectMapper().writerWithDefaultPrettyPrinter();

    public String write(QualityReport report) {
        try {
            return writer.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
