package dev.gyre.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

    @Test
    void onATerminalTheRoundsDrawOneBarInPlaceThatTheNextStepEnds() {
        StringWriter text = new StringWriter();
        ProgressLines progress = new ProgressLines(new PrintWriter(text), "gyre train", true);

        progress.step("training xgboost");
        for (int round = 1; round <= 200; round++) {
            progress.round(round, 200);
        }
        progress.step("writing the model package");
        progress.finish();

        String shown = text.toString();
        assertThat(shown).startsWith("gyre train: training xgboost" + System.lineSeparator());
        // drawn empty once, then once per filled cell (30): 31 redraws rather than one per round (200)
        assertThat(shown.chars().filter(c -> c == '\r').count()).isEqualTo(31);
        assertThat(shown)
                .contains("\rgyre train: [" + "#".repeat(30) + "] round 200/200" + System.lineSeparator()
                        + "gyre train: writing the model package");
    }

    @Test
    void withoutATerminalOnlyTheStepsAreWritten() {
        StringWriter text = new StringWriter();
        ProgressLines progress = new ProgressLines(new PrintWriter(text), "gyre tune", false);

        progress.step("tuning");
        progress.round(5, 10);
        progress.finish();

        assertThat(text.toString()).isEqualTo("gyre tune: tuning" + System.lineSeparator());
    }
}
