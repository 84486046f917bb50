package io.vigil.core.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long STEP = 1_000;
  private static final double NAN = Double.NaN;
  private static final List<String> CHANNELS = List.of("temp", "vib");

  /** W = 3, S = 2, carry a value at most 1 step. */
  private static WindowSpec spec(long graceMillis) {
    return new WindowSpec(CHANNELS, 3, 2, graceMillis, new GapFillPolicy(1, STEP));
  }

  private static long at(int frame) {
    return T0 + frame * STEP;
  }

  /** A frame whose values identify it: temp = index, vib = 10 * index. */
  private static Frame frame(int index) {
    return Frame.of(at(index), index, 10.0 * index);
  }

  private static List<Window> windows(WindowAssembler assembler, List<AssemblyEvent> events) {
    List<Window> windows = new ArrayList<>();
    for (AssemblyEvent event : events) {
      if (event instanceof AssemblyEvent.WindowReady ready) {
        windows.add(assembler.window(ready.window()));
      }
    }
    return windows;
  }

  private static List<AssemblyEvent> offerAll(WindowAssembler assembler, Frame... frames) {
    List<AssemblyEvent> events = new ArrayList<>();
    for (Frame frame : frames) {
      events.addAll(assembler.offer(frame).events());
    }
    return events;
  }

  @Test
  void emitsTheFirstWindowAfterWFramesThenEverySFrames() {
    WindowAssembler assembler = new WindowAssembler(spec(0));

    List<Window> windows =
        windows(
            assembler,
            offerAll(assembler, frame(0), frame(1), frame(2), frame(3), frame(4), frame(5)));

    assertThat(windows).extracting(Window::startTime).containsExactly(at(0), at(2));
    assertThat(windows).extracting(Window::endTime).containsExactly(at(2), at(4));
    assertThat(windows.get(1).toArray())
        .isDeepEqualTo(new float[][] {{2f, 20f}, {3f, 30f}, {4f, 40f}});
    assertThat(windows.get(1).channels()).isEqualTo(CHANNELS);
  }

  @Test
  void putsOutOfOrderFramesInTheirPlaceWithinGrace() {
    WindowAssembler assembler = new WindowAssembler(spec(2_000));

    AssemblyResult late = assembler.offer(frame(0));
    offerAll(assembler, frame(2));
    AssemblyResult inGrace = assembler.offer(frame(1));
    List<Window> windows = windows(assembler, offerAll(assembler, frame(3), frame(4)));

    assertThat(late.outcome()).isEqualTo(new FrameOutcome.Accepted(at(0)));
    assertThat(inGrace.outcome()).isEqualTo(new FrameOutcome.Accepted(at(1)));
    assertThat(windows).hasSize(1);
    assertThat(windows.get(0).frameTimes()).containsExactly(at(0), at(1), at(2));
  }

  @Test
  void refusesFramesLaterThanGraceAndSaysWhatWasExpected() {
    WindowAssembler assembler = new WindowAssembler(spec(2_000));
    offerAll(assembler, frame(0), frame(5));

    AssemblyResult result = assembler.offer(Frame.of(at(2) + 500, 1, 1));

    assertThat(result.events()).isEmpty();
    FrameOutcome.Late late = (FrameOutcome.Late) result.outcome();
    assertThat(late.streamTime()).isEqualTo(at(5));
    assertThat(late.lastReleased()).isEqualTo(at(0));
    assertThat(late.message())
        .isEqualTo(
            "frame at "
                + (at(2) + 500)
                + " is too late: stream time is "
                + at(5)
                + ", grace 2000 ms, last frame released "
                + at(0)
                + "; expected a frame time >= "
                + at(3));
  }

  @Test
  void refusesAFrameNotNewerThanTheLastReleased() {
    WindowAssembler assembler = new WindowAssembler(spec(0));
    offerAll(assembler, frame(0), frame(1));

    assertThat(assembler.offer(Frame.of(at(1) - 500, 1.0, 1.0)).outcome())
        .isInstanceOf(FrameOutcome.Late.class);
  }

  @Test
  void aFrameRepeatingAReleasedTimeIsADuplicateNotLate() {
    WindowAssembler assembler = new WindowAssembler(spec(0));
    offerAll(assembler, frame(0), frame(1), frame(2));

    FrameOutcome outcome = assembler.offer(frame(1)).outcome();

    assertThat(outcome).isInstanceOf(FrameOutcome.Duplicate.class);
    assertThat(((FrameOutcome.Duplicate) outcome).message())
        .contains("repeats the time of a frame already passed on");
  }

  @Test
  void savesOnlyTheFrameSlotsWrittenSinceTheLastSaveAndRestoresFromThem() {
    WindowSpec spec = new WindowSpec(CHANNELS, 3, 2, 2_000, new GapFillPolicy(1, STEP));
    WindowAssembler original = new WindowAssembler(spec);
    java.util.Map<Long, byte[]> store = new java.util.HashMap<>();
    byte[] head = original.encodeHead();
    List<Integer> savedPerFrame = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      original.offer(frame(i));
      List<Integer> saved = new ArrayList<>();
      original.saveFrames(
          1,
          (group, bytes) -> {
            saved.add(group);
            WindowAssembler.framesOfRecord(bytes).forEach((slot, f) -> store.put((long) slot, f));
          });
      savedPerFrame.add(saved.size());
      head = original.encodeHead();
    }

    // Once the reorder buffer is full, each frame releases one frame: one small slot write each.
    assertThat(savedPerFrame.subList(5, 40)).containsOnly(1);
    WindowAssembler restored = WindowAssembler.restore(head, store::get);
    for (int i = 40; i < 60; i++) {
      assertThat(restored.offer(frame(i))).isEqualTo(original.offer(frame(i)));
    }
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
  }

  @Test
  void aSaveWritesEachChangedGroupOfSlotsOnceWithAllItsFrames() {
    // W=3, S=2, grace 2 s at 1 s steps: a ring of 3 + 16 + 6 + 1 = 26 slots, groups of 8: 4 groups.
    WindowSpec spec = new WindowSpec(CHANNELS, 3, 2, 2_000, new GapFillPolicy(1, STEP));
    WindowAssembler original = new WindowAssembler(spec);
    assertThat(spec.ringCapacity()).isEqualTo(26);
    java.util.Map<Integer, byte[]> records = new java.util.HashMap<>();
    List<List<Integer>> groupsPerSave = new ArrayList<>();
    // Saves after 10, 20 and 50 offers: the last one wraps the ring, every group changed.
    for (int[] span : new int[][] {{0, 10}, {10, 20}, {20, 50}}) {
      for (int i = span[0]; i < span[1]; i++) {
        original.offer(frame(i));
      }
      List<Integer> groups = new ArrayList<>();
      original.saveFrames(
          8,
          (group, bytes) -> {
            groups.add(group);
            records.put(group, bytes);
          });
      groupsPerSave.add(groups);
    }

    // Frames released: 0..7 (groups 0), 8..17 (groups 1, 2), 18..47 (slots 18..25, 0..21).
    assertThat(groupsPerSave).containsExactly(List.of(0), List.of(1, 2), List.of(2, 3, 0, 1));
    java.util.Map<Long, byte[]> slots = new java.util.HashMap<>();
    records.forEach(
        (group, bytes) -> {
          java.util.Map<Integer, byte[]> frames = WindowAssembler.framesOfRecord(bytes);
          assertThat(frames.keySet()).allMatch(slot -> slot / 8 == group);
          frames.forEach((slot, f) -> slots.put((long) slot, f));
        });
    assertThat(slots).hasSize(26);
    WindowAssembler restored = WindowAssembler.restore(original.encodeHead(), slots::get);
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    assertThatThrownBy(() -> original.saveFrames(0, (group, bytes) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("slotsPerRecord is 0");
  }

  @Test
  void aDamagedFrameRecordIsReportedAsCorruptState() {
    WindowAssembler original =
        new WindowAssembler(new WindowSpec(CHANNELS, 3, 2, 0, new GapFillPolicy(1, STEP)));
    for (int i = 0; i < 5; i++) {
      original.offer(frame(i));
    }
    List<byte[]> records = new ArrayList<>();
    original.saveFrames(4, (group, bytes) -> records.add(bytes));
    byte[] truncated = java.util.Arrays.copyOf(records.get(0), records.get(0).length - 3);

    assertThatThrownBy(() -> WindowAssembler.framesOfRecord(truncated))
        .isInstanceOf(io.vigil.core.codec.CorruptStateException.class)
        .hasMessageContaining("WindowAssembler frame record");
  }

  @Test
  void theHeadDoesNotGrowWithTheWindow() {
    WindowAssembler small =
        new WindowAssembler(new WindowSpec(CHANNELS, 8, 2, 0, new GapFillPolicy(1, STEP)));
    WindowAssembler large =
        new WindowAssembler(new WindowSpec(CHANNELS, 512, 2, 0, new GapFillPolicy(1, STEP)));
    for (int i = 0; i < 600; i++) {
      small.offer(frame(i));
      large.offer(frame(i));
      small.acknowledge(new WindowRef(Long.MAX_VALUE, 0, 0));
      large.acknowledge(new WindowRef(Long.MAX_VALUE, 0, 0));
    }

    assertThat(large.encodeHead().length).isEqualTo(small.encodeHead().length);
  }

  @Test
  void pendingWindowsAreReadByReferenceUntilTheRingWouldOverwriteThem() {
    WindowAssembler assembler = new WindowAssembler(spec(0));
    List<AssemblyEvent> events = new ArrayList<>();
    int offered = 0;
    while (!assembler.mustDrainBeforeOffer()) {
      events.addAll(assembler.offer(frame(offered++)).events());
    }

    List<WindowRef> pending = assembler.pending();
    assertThat(pending).hasSizeGreaterThan(WindowSpec.PENDING_WINDOWS - 1);
    // Every pending window is still readable, and its values are its frames'.
    WindowRef oldest = pending.get(0);
    float[] flat = new float[3 * 2];
    assembler.copyInto(oldest, flat, 0);
    int first = (int) ((oldest.startTime() - T0) / STEP);
    assertThat(flat)
        .containsExactly(
            first, 10f * first, first + 1, 10f * (first + 1), first + 2, 10f * (first + 2));
    assembler.acknowledge(pending.get(pending.size() - 1));
    assertThat(assembler.pendingCount()).isZero();
    assertThat(assembler.mustDrainBeforeOffer()).isFalse();
    // Offering past the ring without draining makes an old reference unreadable, with a message.
    for (int i = 0; i < spec(0).ringCapacity(); i++) {
      assembler.offer(frame(offered++));
    }
    assertThatThrownBy(() -> assembler.window(oldest))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no longer in the frame ring");
  }

  @Test
  void mergesFramesWithTheSameTimeLaterPresentValuesWinning() {
    WindowAssembler assembler = new WindowAssembler(spec(5_000));
    assembler.offer(Frame.of(at(0), 1.0, 2.0));

    AssemblyResult merged = assembler.offer(Frame.of(at(0), NAN, 3.0));
    assembler.offer(frame(1));
    assembler.offer(frame(2));

    assertThat(merged.outcome()).isEqualTo(new FrameOutcome.Merged(at(0)));
    List<Window> windows = windows(assembler, assembler.flush());
    assertThat(windows.get(0).value(0, 0)).isEqualTo(1.0f);
    assertThat(windows.get(0).value(0, 1)).isEqualTo(3.0f);
  }

  @Test
  void fillsGapsUpToNStepsAndSkipsWindowsWithOlderGaps() {
    WindowAssembler assembler = new WindowAssembler(spec(0));

    List<AssemblyEvent> events =
        offerAll(
            assembler,
            Frame.of(at(0), 0, 0),
            Frame.of(at(1), 1, NAN), // vib carried from frame 0: 1 step
            Frame.of(at(2), 2, 20),
            Frame.of(at(3), 3, NAN),
            Frame.of(at(4), 4, NAN)); // vib last seen 2 steps earlier: unscorable

    assertThat(events).hasSize(2);
    Window filled = assembler.window(((AssemblyEvent.WindowReady) events.get(0)).window());
    assertThat(filled.value(1, 1)).isEqualTo(0f);
    AssemblyEvent.WindowSkipped skipped = (AssemblyEvent.WindowSkipped) events.get(1);
    assertThat(skipped.startTime()).isEqualTo(at(2));
    assertThat(skipped.endTime()).isEqualTo(at(4));
    assertThat(skipped.frameTime()).isEqualTo(at(4));
    assertThat(skipped.channel()).isEqualTo("vib");
    assertThat(skipped.message())
        .isEqualTo(
            "window "
                + at(2)
                + ".."
                + at(4)
                + " skipped: channel 'vib' missing at "
                + at(4)
                + " and last seen at "
                + at(2)
                + ", 2 steps earlier; gap filling carries a value at most 1 steps of 1000 ms");
  }

  @Test
  void skippedWindowsKeepTheStrideSchedule() {
    WindowAssembler assembler = new WindowAssembler(spec(0));

    List<AssemblyEvent> events =
        offerAll(
            assembler,
            Frame.of(at(0), NAN, 0), // temp never seen: unscorable
            frame(1),
            frame(2),
            frame(3),
            frame(4));

    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(AssemblyEvent.WindowSkipped.class);
    assertThat(((AssemblyEvent.WindowReady) events.get(1)).window().startTime()).isEqualTo(at(2));
  }

  @Test
  void restartsAfterAPauseLongerThanGapFillingCovers() {
    WindowAssembler assembler = new WindowAssembler(spec(0));
    offerAll(assembler, frame(0), frame(1), frame(2));

    // From frame 2 to frame 5 is 3 steps: 2 missing frames, one more than gap filling covers.
    List<AssemblyEvent> events = offerAll(assembler, frame(5), frame(6), frame(7));

    assertThat(events).hasSize(2);
    AssemblyEvent.SequenceRestarted restart = (AssemblyEvent.SequenceRestarted) events.get(0);
    assertThat(restart.previousFrameTime()).isEqualTo(at(2));
    assertThat(restart.frameTime()).isEqualTo(at(5));
    assertThat(assembler.window(((AssemblyEvent.WindowReady) events.get(1)).window()).frameTimes())
        .containsExactly(at(5), at(6), at(7));
  }

  @Test
  void aPauseGapFillingCoversDoesNotRestart() {
    WindowAssembler assembler = new WindowAssembler(spec(0));

    List<AssemblyEvent> events = offerAll(assembler, frame(0), frame(2), frame(3));

    assertThat(events).hasSize(1).allMatch(e -> e instanceof AssemblyEvent.WindowReady);
  }

  @Test
  void theReorderBufferIsBounded() {
    WindowAssembler assembler = new WindowAssembler(spec(5_000)); // capacity 2 * 5 + 2 = 12
    for (int i = 0; i < 100; i++) {
      assembler.offer(Frame.of(T0 + i, i, i)); // a flood: 1 ms apart
    }

    assertThat(assembler.buffered()).isEqualTo(12);
  }

  @Test
  void flushReleasesWhatIsBuffered() {
    WindowAssembler assembler = new WindowAssembler(spec(60_000));
    List<AssemblyEvent> whileBuffered = offerAll(assembler, frame(0), frame(1), frame(2));

    List<Window> flushed = windows(assembler, assembler.flush());

    assertThat(whileBuffered).isEmpty();
    assertThat(flushed).hasSize(1);
    assertThat(assembler.buffered()).isZero();
  }

  @Test
  void restoredCopyContinuesIdentically() {
    SplittableRandom random = new SplittableRandom(81);
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // Jittered, sometimes out of order, sometimes missing a channel, sometimes pausing.
      long t = at(i + (i > 120 ? 5 : 0)) + random.nextInt(41) - 20;
      double vib = random.nextDouble() < 0.2 ? NAN : random.nextDouble();
      frames.add(Frame.of(t, random.nextDouble(), vib));
    }
    for (int i = 0; i + 1 < frames.size(); i += 7) {
      Frame swap = frames.get(i);
      frames.set(i, frames.get(i + 1));
      frames.set(i + 1, swap);
    }
    WindowAssembler original = new WindowAssembler(spec(1_500));
    for (int i = 0; i < 60; i++) {
      original.offer(frames.get(i));
    }

    WindowAssembler restored = WindowAssembler.fromBytes(original.toBytes());

    assertThat(restored.spec()).isEqualTo(original.spec());
    int windows = 0;
    for (int i = 60; i < frames.size(); i++) {
      AssemblyResult expected = original.offer(frames.get(i));
      assertThat(restored.offer(frames.get(i))).isEqualTo(expected);
      windows += windows(original, expected.events()).size();
    }
    assertThat(restored.flush()).isEqualTo(original.flush());
    assertThat(restored.toBytes()).isEqualTo(original.toBytes());
    assertThat(windows).isGreaterThan(10);
  }

  @Test
  void refusesFramesWithTheWrongNumberOfChannels() {
    WindowAssembler assembler = new WindowAssembler(spec(0));

    assertThatThrownBy(() -> assembler.offer(Frame.of(T0, 1, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame at " + T0 + " has 3 values, expected 2 in feature order [temp, vib]");
  }

  @Test
  void alignedReadingsFlowIntoWindows() {
    // The narrow-telemetry path: readings -> FrameAligner -> WindowAssembler (no extra grace).
    FrameAligner aligner = new FrameAligner(new AlignmentSpec(CHANNELS, STEP, 100, 1_000));
    WindowAssembler assembler = new WindowAssembler(spec(0));
    List<AssemblyEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      for (Frame frame : aligner.offer("temp", at(i) + 30, (double) i).frames()) {
        events.addAll(assembler.offer(frame).events());
      }
      for (Frame frame : aligner.offer("vib", at(i) - 30, 10.0 * i).frames()) {
        events.addAll(assembler.offer(frame).events());
      }
    }
    for (Frame frame : aligner.flush()) {
      events.addAll(assembler.offer(frame).events());
    }

    assertThat(windows(assembler, events)).hasSize(2);
    assertThat(windows(assembler, events).get(1).toArray())
        .isDeepEqualTo(new float[][] {{2f, 20f}, {3f, 30f}, {4f, 40f}});
  }
}
