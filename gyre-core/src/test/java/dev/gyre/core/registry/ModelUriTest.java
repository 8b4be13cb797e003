package dev.gyre.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import org.junit.jupiter.api.Test;

class ModelUriTest {

    @Test
    void versionsAndAliasesParseAsMlflowWritesThem() {
        assertThat(ModelUri.parse("models:/credit/3")).isEqualTo(new ModelUri("credit", 3, null));
        assertThat(ModelUri.parse("models:/credit@champion")).isEqualTo(new ModelUri("credit", 0, "champion"));
        assertThat(ModelUri.parse("models:///credit@champion/").byAlias()).isTrue();
        assertThat(ModelUri.parse("models:/credit/3").toString()).isEqualTo("models:/credit/3");
        assertThat(ModelUri.parse("models:/credit@champion").toString()).isEqualTo("models:/credit@champion");
        assertThat(ModelUri.looksLikeOne("models:/x")).isTrue();
        assertThat(ModelUri.looksLikeOne("/tmp/models")).isFalse();
    }

    @Test
    void malformedReferencesSayWhatOneLooksLike() {
        assertThatThrownBy(() -> ModelUri.parse("models:/credit"))
                .isInstanceOf(GyreException.class)
                .hasMessage("'models:/credit' is not a model reference: write models:/NAME/VERSION or"
                        + " models:/NAME@ALIAS");
        assertThatThrownBy(() -> ModelUri.parse("models:/credit/0"))
                .hasMessage("'models:/credit/0': model versions start at 1");
        assertThatThrownBy(() -> ModelUri.parse("models:/credit/99999999999999999999"))
                .hasMessage("'models:/credit/99999999999999999999': version 99999999999999999999 is out of range");
        assertThatThrownBy(() -> ModelUri.parse("models:/credit@bad alias"))
                .hasMessageContaining("is not a model reference");
    }
}
