package io.vigil.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.engine.WindowFailure;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.serde.VigilSerdes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A dead letter always fits Kafka's default request size, whatever the record it describes. */
class DeadLettersTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void cutsALongMessageAndSaysHowLongItWas() {
    DeadLetter letter =
        DeadLetters.letter(
            "t", 0, 7L, T0, null, null, DeadLetterReason.OTHER, "x".repeat(600_000), null);

    assertThat(letter.getErrorMessage())
        .hasSizeLessThan(DeadLetters.MAX_MESSAGE_CHARS + 40)
        .endsWith("... (600000 characters)");
  }

  @Test
  void keepsRawBytesUpToTheLimitAndLeavesOutTheValueBeyond() {
    byte[] key = new byte[100];
    byte[] fits = new byte[DeadLetters.MAX_RAW_BYTES - key.length];
    DeadLetter kept =
        DeadLetters.letter("t", 1, 2L, T0, key, fits, DeadLetterReason.MALFORMED, "bad", null);
    assertThat(kept.getRawValue().remaining()).isEqualTo(fits.length);
    assertThat(VigilSerdes.deadLetter().encode(kept).length).isLessThan(1 << 20);

    byte[] tooMuch = new byte[fits.length + 1];
    DeadLetter cut =
        DeadLetters.letter("t", 1, 2L, T0, key, tooMuch, DeadLetterReason.MALFORMED, "bad", null);
    assertThat(cut.getRawValue()).isNull();
    assertThat(cut.getRawKey().remaining()).isEqualTo(key.length);
    assertThat(cut.getErrorMessage())
        .startsWith("bad; raw value of " + tooMuch.length + " bytes left out")
        .contains("t-1 offset 2");
  }

  @Test
  void leavesOutTheKeyTooWhenItAloneIsTooLarge() {
    byte[] key = new byte[DeadLetters.MAX_RAW_BYTES + 1];
    DeadLetter cut =
        DeadLetters.letter(
            "t", 0, 0L, T0, key, new byte[10], DeadLetterReason.MALFORMED, "m", null);

    assertThat(cut.getRawKey()).isNull();
    assertThat(cut.getRawValue()).isNull();
    assertThat(cut.getErrorMessage()).contains("raw value of 10 bytes", "raw key of");
  }

  @Test
  void everyEngineFailureNamesADeadLetterReasonOfTheSchema() {
    for (WindowFailure failure : WindowFailure.values()) {
      assertThat(DeadLetterReason.valueOf(failure.deadLetterReason())).isNotNull();
    }
    assertThat(WindowFailure.NON_FINITE_SCORE.deadLetterReason()).isEqualTo("NON_FINITE_SCORE");
  }
}
