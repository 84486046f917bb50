package io.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAlignerTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final List<String> CHANNELS = List.of("temp", "vib");

  /** 1 s grid, readings within 100 ms of a slot, slots wait 2 s for stragglers. */
  private static final AlignmentSpec SPEC = new AlignmentSpec(CHANNELS, 1_000, 100, 2_000);

  @Test
  void readingsWithinToleranceLandInTheNearestSlot() {
    FrameAligner aligner = new FrameAligner(SPEC);

    ReadingOutcome early = aligner.offer("temp", T0 + 1_000 - 100, 20.0).outcome();
    ReadingOutcome late = aligner.offer("vib", T0 + 1_000 + 100, 0.3).outcome();

    assertThat(early)
        .isEqualTo(new ReadingOutcome.Accepted(T0 + 1_000, ReadingOutcome.Duplicate.NONE));
    assertThat(late)
        .isEqualTo(new ReadingOutcome.Accepted(T0 + 1_000, ReadingOutcome.Duplicate.NONE));
  }

  @Test
  void readingsBeyondToleranceAreRejectedAsMisaligned() {
    FrameAligner aligner = new FrameAligner(SPEC);

    ReadingOutcome outcome = aligner.offer("temp", T0 + 1_250, 20.0).outcome();

    assertThat(outcome)
        .isEqualTo(
            new ReadingOutcome.Rejected(
                ReadingOutcome.Reason.MISALIGNED,
                "temp",
                T0 + 1_250,
                "channel 'temp' at "
                    + (T0 + 1_250)
                    + " is 250 ms from the nearest slot "
                    + (T0 + 1_000)
                    + "; expected at most 100 ms (step 1000 ms)"));
  }

  @Test
  void unknownChannelsAndInfiniteValuesAreRejectedWithWhatIsAllowed() {
    FrameAligner aligner = new FrameAligner(SPEC);

    ReadingOutcome.Rejected unknown =
        (ReadingOutcome.Rejected) aligner.offer("humidity", T0, 1.0).outcome();
    ReadingOutcome.Rejected infinite =
        (ReadingOutcome.Rejected) aligner.offer("vib", T0, Double.POSITIVE_INFINITY).outcome();

    assertThat(unknown.reason()).isEqualTo(ReadingOutcome.Reason.UNKNOWN_CHANNEL);
    assertThat(unknown.message()).endsWith("expected one of [temp, vib]");
    assertThat(infinite.reason()).isEqualTo(ReadingOutcome.Reason.NON_FINITE_VALUE);
    assertThat(infinite.message()).contains("has value Infinity");
  }

  @Test
  void aSlotIsEmittedOnceStreamTimePassesSlotTimePlusGrace() {
    FrameAligner aligner = new FrameAligner(SPEC);
    aligner.offer("temp", T0, 20.0);
    aligner.offer("vib", T0 + 5, 0.3);

    AlignResult atGrace = aligner.offer("temp", T0 + 2_000, 21.0);
    AlignResult pastGrace = aligner.offer("temp", T0 + 3_000, 22.0);

    assertThat(atGrace.frames()).isEmpty();
    assertThat(pastGrace.frames()).containsExactly(Frame.of(T0, 20.0, 0.3));
  }

  @Test
  void missingChannelsAreEmittedAsNaNAndEmptySlotsNotAtAll() {
    FrameAligner aligner = new FrameAligner(SPEC);
    aligner.offer("temp", T0, 20.0);
    aligner.offer("vib", T0 + 1_000, null);

    List<Frame> frames = aligner.offer("temp", T0 + 10_000, 25.0).frames();

    assertThat(frames)
        .containsExactly(
            Frame.of(T0, 20.0, Double.NaN), Frame.of(T0 + 1_000, Double.NaN, Double.NaN));
  }

  @Test
  void readingsForACompleteSlotAreRejectedAsLate() {
    FrameAligner aligner = new FrameAligner(SPEC);
    aligner.offer("temp", T0, 20.0);
    aligner.offer("temp", T0 + 3_000, 21.0); // slot T0 complete and emitted

    ReadingOutcome.Rejected late =
        (ReadingOutcome.Rejected) aligner.offer("vib", T0 + 50, 0.3).outcome();

    assertThat(late.reason()).isEqualTo(ReadingOutcome.Reason.LATE);
    assertThat(late.message())
        .isEqualTo(
            "channel 'vib' at "
                + (T0 + 50)
                + " is late: slot "
                + T0
                + " is complete (stream time "
                + (T0 + 3_000)
                + ", grace 2000 ms, last slot emitted "
                + T0
                + "); expected a reading for a slot after "
                + (T0 + 999));
  }

  @Test
  void outOfOrderReadingsWithinGraceStillJoinTheirSlot() {
    FrameAligner aligner = new FrameAligner(SPEC);
    aligner.offer("temp", T0 + 2_000, 22.0);
    aligner.offer("temp", T0, 20.0); // 2 s behind: exactly at the grace, still open

    List<Frame> frames = aligner.flush();

    assertThat(frames)
        .containsExactly(Frame.of(T0, 20.0, Double.NaN), Frame.of(T0 + 2_000, 22.0, Double.NaN));
  }

  @Test
  void theReadingClosestToTheSlotTimeWins() {
    FrameAligner aligner = new FrameAligner(SPEC);

    aligner.offer("temp", T0 + 80, 1.0);
    ReadingOutcome closer = aligner.offer("temp", T0 - 10, 2.0).outcome();
    ReadingOutcome farther = aligner.offer("temp", T0 + 50, 3.0).outcome();
    ReadingOutcome equallyCloseAndNewer = aligner.offer("temp", T0 + 10, 4.0).outcome();
    ReadingOutcome noValue = aligner.offer("temp", T0, null).outcome();

    assertThat(closer)
        .isEqualTo(new ReadingOutcome.Accepted(T0, ReadingOutcome.Duplicate.REPLACED_EARLIER));
    assertThat(farther)
        .isEqualTo(new ReadingOutcome.Accepted(T0, ReadingOutcome.Duplicate.KEPT_EARLIER));
    assertThat(equallyCloseAndNewer)
        .isEqualTo(new ReadingOutcome.Accepted(T0, ReadingOutcome.Duplicate.REPLACED_EARLIER));
    assertThat(noValue)
        .isEqualTo(new ReadingOutcome.Accepted(T0, ReadingOutcome.Duplicate.KEPT_EARLIER));
    assertThat(aligner.flush()).containsExactly(Frame.of(T0, 4.0, Double.NaN));
  }

  @Test
  void afterAFlushEarlierSlotsAreLate() {
    FrameAligner aligner = new FrameAligner(SPEC);
    aligner.offer("temp", T0 + 1_000, 20.0);
    aligner.flush();

    ReadingOutcome outcome = aligner.offer("vib", T0 + 1_000, 0.1).outcome();

    assertThat(((ReadingOutcome.Rejected) outcome).reason()).isEqualTo(ReadingOutcome.Reason.LATE);
  }

  @Test
  void restoredCopyContinuesIdentically() {
    FrameAligner original = new FrameAligner(SPEC);
    original.offer("temp", T0, 20.0);
    original.offer("vib", T0 + 1_020, 0.4);
    original.offer("temp", T0 + 1_990, 21.0);

    FrameAligner restored = FrameAligner.fromBytes(original.toBytes());

    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    List<AlignResult> expected = new ArrayList<>();
    List<AlignResult> actual = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long t = T0 + 2_000 + i * 500L + (i % 3) * 40;
      String channel = CHANNELS.get(i % 2);
      expected.add(original.offer(channel, t, (double) i));
      actual.add(restored.offer(channel, t, (double) i));
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(restored.flush()).isEqualTo(original.flush());
  }

  @Test
  void specRefusesAToleranceThatReachesHalfAStep() {
    assertThatThrownBy(() -> new AlignmentSpec(CHANNELS, 1_000, 500, 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "alignment.toleranceMillis: found 500, allowed [0, 1000/2) for a step of 1000 ms");
    assertThatThrownBy(() -> new AlignmentSpec(CHANNELS, 1_000, 100, 50))
        .hasMessageStartingWith("alignment.graceMillis: found 50, allowed [100, 10000000]");
  }
}
