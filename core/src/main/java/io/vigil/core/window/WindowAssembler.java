package io.vigil.core.window;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds one device's windows from its frames, in event time.
 *
 * <p>Frames enter a reorder buffer and leave it in time order once the device's stream time (the
 * newest frame time seen) is at least {@code grace} past them, or early when the buffer is at its
 * capacity ({@link WindowSpec#reorderCapacity()}). A frame is refused as {@link FrameOutcome.Late}
 * when it is older than {@code streamTime - grace} or not newer than the last frame released: it
 * can no longer be put in its place. Two frames with the same time still in the buffer are merged
 * channel by channel, the later arrival's present values winning (a correction), its missing values
 * not erasing earlier ones.
 *
 * <p>Released frames are gap-filled ({@link GapFiller}) and enter a ring of the last W frames. A
 * window is due when the ring first holds W frames and then after every S further frames; it is
 * emitted if all its frames are scorable and reported as skipped otherwise, and the schedule goes
 * on either way. Frames are not synthesised for instants with no frame: when two consecutive frames
 * are more than {@code maxCarrySteps + 1} steps apart, the frames that would fill the pause could
 * not have been gap-filled, so the ring is cleared and the sequence restarts instead of a window
 * spanning the pause.
 *
 * <p>Memory: W frames, at most the reorder capacity of buffered frames, one value per channel for
 * gap filling. Not thread-safe; one instance per device.
 */
public final class WindowAssembler {
  private static final String WHAT = "WindowAssembler";
  private static final int FORMAT = 1;
  private static final long NONE = Long.MIN_VALUE;

  private final WindowSpec spec;
  private final int channels;
  private final GapFiller gapFiller;
  private final TreeMap<Long, double[]> buffer = new TreeMap<>();

  private final long[] ringTimes;
  private final double[][] ringValues;
  private final int[] ringUnfillable;
  private final long[] ringLastSeen;
  private int ringStart;
  private int ringSize;
  private int untilNextWindow;

  private long streamTime = NONE;
  private long lastReleased = NONE;

  /**
   * Creates an assembler with no frames.
   *
   * @param spec the window spec
   */
  public WindowAssembler(WindowSpec spec) {
    this.spec = spec;
    this.channels = spec.channels().size();
    this.gapFiller = new GapFiller(spec.gapFill(), channels);
    int w = spec.windowSize();
    this.ringTimes = new long[w];
    this.ringValues = new double[w][channels];
    this.ringUnfillable = new int[w];
    this.ringLastSeen = new long[w];
    this.untilNextWindow = w;
  }

  /**
   * Returns the spec this assembler was built with; a caller whose model changed compares it and
   * starts a new assembler when it differs.
   *
   * @return the spec
   */
  public WindowSpec spec() {
    return spec;
  }

  /**
   * Returns the newest frame time seen.
   *
   * @return epoch millis, or {@code Long.MIN_VALUE} before the first frame
   */
  public long streamTime() {
    return streamTime;
  }

  /**
   * Returns the number of frames waiting in the reorder buffer.
   *
   * @return the count
   */
  public int buffered() {
    return buffer.size();
  }

  /**
   * Offers one frame.
   *
   * @param frame values in the spec's feature order, NaN where missing
   * @return what happened to the frame, and the windows and other events it released
   */
  public AssemblyResult offer(Frame frame) {
    if (frame.channelCount() != channels) {
      throw new IllegalArgumentException(
          "frame at "
              + frame.time()
              + " has "
              + frame.channelCount()
              + " values, expected "
              + channels
              + " in feature order "
              + spec.channels());
    }
    long t = frame.time();
    long watermark = watermark();
    if ((lastReleased != NONE && t <= lastReleased) || (watermark != NONE && t < watermark)) {
      return new AssemblyResult(late(t), List.of());
    }
    FrameOutcome outcome;
    double[] existing = buffer.get(t);
    if (existing != null) {
      double[] incoming = frame.values();
      for (int c = 0; c < channels; c++) {
        if (!Double.isNaN(incoming[c])) {
          existing[c] = incoming[c];
        }
      }
      outcome = new FrameOutcome.Merged(t);
    } else {
      buffer.put(t, frame.values());
      outcome = new FrameOutcome.Accepted(t);
    }
    streamTime = streamTime == NONE ? t : Math.max(streamTime, t);
    List<AssemblyEvent> events = new ArrayList<>();
    long releaseUpTo = watermark();
    while (!buffer.isEmpty()
        && (buffer.firstKey() <= releaseUpTo || buffer.size() > spec.reorderCapacity())) {
      Map.Entry<Long, double[]> first = buffer.pollFirstEntry();
      release(first.getKey(), first.getValue(), events);
    }
    return new AssemblyResult(outcome, events);
  }

  /**
   * Releases every buffered frame, e.g. at the end of a backtest's input. Frames offered later must
   * be newer than the last one released.
   *
   * @return the windows and other events released, in order
   */
  public List<AssemblyEvent> flush() {
    List<AssemblyEvent> events = new ArrayList<>();
    while (!buffer.isEmpty()) {
      Map.Entry<Long, double[]> first = buffer.pollFirstEntry();
      release(first.getKey(), first.getValue(), events);
    }
    return List.copyOf(events);
  }

  private long watermark() {
    if (streamTime == NONE) {
      return NONE;
    }
    // Saturate instead of overflowing for timestamps near Long.MIN_VALUE.
    long w = streamTime - spec.graceMillis();
    return w > streamTime ? NONE : w;
  }

  private FrameOutcome.Late late(long t) {
    String message =
        "frame at "
            + t
            + " is too late: stream time is "
            + streamTime
            + ", grace "
            + spec.graceMillis()
            + " ms, last frame released "
            + lastReleased
            + "; expected a frame time >= "
            + earliestAcceptable();
    return new FrameOutcome.Late(t, streamTime, lastReleased, spec.graceMillis(), message);
  }

  private long earliestAcceptable() {
    long earliest = watermark();
    if (lastReleased != NONE && (earliest == NONE || lastReleased + 1 > earliest)) {
      earliest = lastReleased + 1;
    }
    return earliest;
  }

  private void release(long t, double[] values, List<AssemblyEvent> events) {
    GapFillPolicy gapFill = spec.gapFill();
    if (lastReleased != NONE
        && gapFill.stepsBetween(lastReleased, t) > gapFill.maxCarrySteps() + 1) {
      events.add(
          new AssemblyEvent.SequenceRestarted(
              lastReleased,
              t,
              "no frame between "
                  + lastReleased
                  + " and "
                  + t
                  + " ("
                  + gapFill.stepsBetween(lastReleased, t)
                  + " steps of "
                  + gapFill.stepMillis()
                  + " ms); gap filling covers at most "
                  + gapFill.maxCarrySteps()
                  + " missing steps, so windows restart after "
                  + spec.windowSize()
                  + " new frames"));
      ringStart = 0;
      ringSize = 0;
      untilNextWindow = spec.windowSize();
    }
    lastReleased = t;
    GapFiller.Filled filled = gapFiller.fill(Frame.of(t, values));
    int w = spec.windowSize();
    int slot;
    if (ringSize < w) {
      slot = (ringStart + ringSize) % w;
      ringSize++;
    } else {
      slot = ringStart;
      ringStart = (ringStart + 1) % w;
    }
    ringTimes[slot] = t;
    System.arraycopy(filled.values(), 0, ringValues[slot], 0, channels);
    ringUnfillable[slot] = filled.unfillableChannel();
    ringLastSeen[slot] = filled.lastSeen();
    untilNextWindow--;
    if (untilNextWindow <= 0 && ringSize == w) {
      events.add(windowOrSkip());
      untilNextWindow = spec.stride();
    }
  }

  private AssemblyEvent windowOrSkip() {
    int w = spec.windowSize();
    long[] times = new long[w];
    for (int i = 0; i < w; i++) {
      int slot = (ringStart + i) % w;
      times[i] = ringTimes[slot];
      if (ringUnfillable[slot] >= 0) {
        return skipped(times[0], ringTimes[(ringStart + w - 1) % w], slot);
      }
    }
    float[][] values = new float[w][channels];
    for (int i = 0; i < w; i++) {
      double[] frame = ringValues[(ringStart + i) % w];
      for (int c = 0; c < channels; c++) {
        values[i][c] = (float) frame[c];
      }
    }
    return new AssemblyEvent.WindowReady(new Window(spec.channels(), times, values));
  }

  private AssemblyEvent.WindowSkipped skipped(long start, long end, int slot) {
    String channel = spec.channels().get(ringUnfillable[slot]);
    long frameTime = ringTimes[slot];
    long seen = ringLastSeen[slot];
    String age =
        seen == NONE
            ? "never seen before"
            : "last seen at "
                + seen
                + ", "
                + spec.gapFill().stepsBetween(seen, frameTime)
                + " steps earlier";
    String message =
        "window "
            + start
            + ".."
            + end
            + " skipped: channel '"
            + channel
            + "' missing at "
            + frameTime
            + " and "
            + age
            + "; gap filling carries a value at most "
            + spec.gapFill().maxCarrySteps()
            + " steps of "
            + spec.gapFill().stepMillis()
            + " ms";
    return new AssemblyEvent.WindowSkipped(start, end, frameTime, channel, message);
  }

  /**
   * Encodes the whole state, spec included.
   *
   * @return the bytes, with a leading format version
   */
  public byte[] toBytes() {
    StateWriter out = new StateWriter(256).format(WHAT, FORMAT);
    out.putInt(channels);
    for (String channel : spec.channels()) {
      out.putString(channel);
    }
    out.putInt(spec.windowSize())
        .putInt(spec.stride())
        .putLong(spec.graceMillis())
        .putInt(spec.gapFill().maxCarrySteps())
        .putLong(spec.gapFill().stepMillis());
    out.putLong(streamTime).putLong(lastReleased).putInt(untilNextWindow);
    gapFiller.write(out);
    out.putInt(ringSize);
    for (int i = 0; i < ringSize; i++) {
      int slot = (ringStart + i) % spec.windowSize();
      out.putLong(ringTimes[slot])
          .putDoubles(ringValues[slot])
          .putInt(ringUnfillable[slot])
          .putLong(ringLastSeen[slot]);
    }
    out.putInt(buffer.size());
    for (Map.Entry<Long, double[]> entry : buffer.entrySet()) {
      out.putLong(entry.getKey()).putDoubles(entry.getValue());
    }
    return out.toBytes();
  }

  /**
   * Restores an assembler from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the assembler, continuing exactly where the original was
   * @throws io.vigil.core.codec.CorruptStateException when the bytes cannot be decoded
   */
  public static WindowAssembler fromBytes(byte[] bytes) {
    StateReader in = StateReader.of(WHAT, bytes).expectFormat(FORMAT);
    int channels = in.getInt("channel count", 1, 1 << 16);
    List<String> names = new ArrayList<>(channels);
    for (int i = 0; i < channels; i++) {
      names.add(in.getString("channel"));
    }
    WindowSpec spec;
    try {
      spec =
          new WindowSpec(
              names,
              in.getInt("windowSize"),
              in.getInt("stride"),
              in.getLong("graceMillis"),
              new GapFillPolicy(in.getInt("maxCarrySteps"), in.getLong("stepMillis")));
    } catch (IllegalArgumentException e) {
      throw in.invalid("spec", "is invalid: " + e.getMessage());
    }
    WindowAssembler assembler = new WindowAssembler(spec);
    assembler.streamTime = in.getLong("streamTime");
    assembler.lastReleased = in.getLong("lastReleased");
    assembler.untilNextWindow = in.getInt("untilNextWindow", Integer.MIN_VALUE, Integer.MAX_VALUE);
    assembler.gapFiller.read(in);
    int ringSize = in.getInt("ring size", 0, spec.windowSize());
    for (int i = 0; i < ringSize; i++) {
      assembler.ringTimes[i] = in.getLong("ring time");
      double[] values = in.getDoubles("ring values", channels);
      if (values.length != channels) {
        throw in.invalid("ring values", "has " + values.length + " channels, expected " + channels);
      }
      assembler.ringValues[i] = values;
      assembler.ringUnfillable[i] = in.getInt("ring unfillable", -1, channels - 1);
      assembler.ringLastSeen[i] = in.getLong("ring lastSeen");
    }
    assembler.ringSize = ringSize;
    int buffered = in.getInt("buffer size", 0, spec.reorderCapacity());
    for (int i = 0; i < buffered; i++) {
      long time = in.getLong("buffer time");
      double[] values = in.getDoubles("buffer values", channels);
      if (values.length != channels) {
        throw in.invalid(
            "buffer values", "has " + values.length + " channels, expected " + channels);
      }
      assembler.buffer.put(time, values);
    }
    in.expectEnd();
    return assembler;
  }
}
