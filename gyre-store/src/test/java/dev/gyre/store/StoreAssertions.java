package dev.gyre.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the {@link GyreException}s the stores raise. */
public final class StoreAssertions {
    private StoreAssertions() {}

    /** Asserts that {@code call} fails with {@code code} and a message containing {@code messagePart}. */
    public static void assertFails(ThrowingCallable call, ErrorCode code, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOf(GyreException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((GyreException) e).code())
                        .as("error code of: %s", e.getMessage())
                        .isEqualTo(code));
    }

    public static void assertInvalid(ThrowingCallable call, String messagePart) {
        assertFails(call, ErrorCode.INVALID_PARAMETER_VALUE, messagePart);
    }

    public static void assertNotFound(ThrowingCallable call, String messagePart) {
        assertFails(call, ErrorCode.RESOURCE_DOES_NOT_EXIST, messagePart);
    }
}
