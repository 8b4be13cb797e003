package dev.gyre.data.schema;

/**
 * Choices of {@link SchemaInference}.
 *
 * @param maxDomainSize a string or boolean column gets a domain when it has at most this many distinct values
 *     (default {@value #DEFAULT_MAX_DOMAIN_SIZE}); 0 infers no domains
 * @param withRanges whether numeric columns get their observed min and max as a range (off by default: a range
 *     from one sample flags every new extreme, which suits tightly bounded columns only)
 */
public record InferenceOptions(int maxDomainSize, boolean withRanges) {

    public static final int DEFAULT_MAX_DOMAIN_SIZE = 20;

    public InferenceOptions {
        if (maxDomainSize < 0) {
            throw new IllegalArgumentException("maxDomainSize must be >= 0, was " + maxDomainSize);
        }
    }

    public static InferenceOptions defaults() {
        return new InferenceOptions(DEFAULT_MAX_DOMAIN_SIZE, false);
    }
}
