package io.vigil.core.window;

import io.vigil.core.codec.CorruptStateException;
import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

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
 * <p>Released frames are gap-filled ({@link GapFiller}), numbered with a device-local sequence
 * number, and enter a ring of {@link WindowSpec#ringCapacity()} frames. A window is due when the
 * current run of frames first holds W frames and then after every S further frames; it is cut (a
 * {@link WindowRef} into the ring, pending until {@link #acknowledge(WindowRef) acknowledged}) if
 * all its frames are scorable and reported as skipped otherwise, and the schedule goes on either
 * way. Frames are not synthesised for instants with no frame: when two consecutive frames are more
 * than {@code maxCarrySteps + 1} steps apart, the frames that would fill the pause could not have
 * been gap-filled, so the run restarts instead of a window spanning the pause.
 *
 * <p>A frame whose time was already released is refused as a {@link FrameOutcome.Duplicate} when a
 * frame with exactly that time is still in the ring, and as {@link FrameOutcome.Late} otherwise.
 *
 * <p>State is kept in two parts so that a store can write what changes per frame, and no more: the
 * <em>head</em> ({@link #encodeHead()}: stream time, schedule, gap-fill memory, reorder buffer,
 * pending windows; its size depends on F and the grace, not on W) and the <em>frames</em> of the
 * ring, a few consecutive slots to a record ({@link #saveFrames(int, FrameSink)} hands over only
 * the records with a slot written since the last save). {@link #restore} rebuilds the assembler
 * from the two; {@link #toBytes()} is the same state as one snapshot.
 *
 * <p>Memory: the ring ({@code ringCapacity × F} floats), at most the reorder capacity of buffered
 * frames, one value per channel for gap filling. Not thread-safe; one instance per device.
 */
public final class WindowAssembler {
  private static final String WHAT = "WindowAssembler";
  private static final String HEAD = "WindowAssembler head";
  private static final String SLOT = "WindowAssembler frame";
  private static final String RECORD = "WindowAssembler frame record";
  private static final int FORMAT = 2;

  /**
   * Bytes of an encoded frame besides its values: format, seq, time, unfillable count, last seen
   * (absent when the count is negative) and the values' length prefix.
   */
  private static final int FRAME_BYTES_MAX = 1 + 8 + 8 + 4 + 8 + 4;

  private static final long NONE = Long.MIN_VALUE;

  /** Receives the frame records that changed since the last save. */
  @FunctionalInterface
  public interface FrameSink {
    /**
     * Takes one frame record: the encoded frames of a group of consecutive ring slots.
     *
     * @param group the group index, {@code 0 <= group < ceil(ringCapacity / slotsPerRecord)}
     * @param record the encoded record ({@link #framesOfRecord} decodes it)
     */
    void put(int group, byte[] record);
  }

  private final WindowSpec spec;

  /** The spec as the head encodes it, encoded once: the head is written for every frame. */
  private final byte[] specBytes;

  private final int channels;
  private final int capacity;
  private final GapFiller gapFiller;
  private final ReorderBuffer buffer = new ReorderBuffer();

  private final long[] ringSeqs;
  private final long[] ringTimes;
  private final float[] ringValues;
  private final int[] ringUnfillable;
  private final long[] ringLastSeen;
  private final ArrayDeque<WindowRef> pending = new ArrayDeque<>();

  /** The sequence number the next released frame gets. */
  private long nextSeq;

  /** Frames released since the run (re)started, capped at the ring capacity. */
  private int run;

  private int untilNextWindow;
  private long streamTime = NONE;
  private long lastReleased = NONE;

  /** Sequence number of the newest slot handed to a {@link FrameSink}; not part of the state. */
  private long savedThrough = -1;

  /**
   * Creates an assembler with no frames.
   *
   * @param spec the window spec
   */
  public WindowAssembler(WindowSpec spec) {
    this.spec = spec;
    StateWriter specWriter = new StateWriter(64);
    writeSpec(specWriter, spec);
    this.specBytes = specWriter.toBytes();
    this.channels = spec.channels().size();
    this.capacity = spec.ringCapacity();
    this.gapFiller = new GapFiller(spec.gapFill(), channels);
    this.ringSeqs = new long[capacity];
    Arrays.fill(ringSeqs, -1);
    this.ringTimes = new long[capacity];
    this.ringValues = new float[capacity * channels];
    this.ringUnfillable = new int[capacity];
    this.ringLastSeen = new long[capacity];
    this.untilNextWindow = spec.windowSize();
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
   * Returns the windows cut and not yet acknowledged, oldest first.
   *
   * @return a copy
   */
  public List<WindowRef> pending() {
    return List.copyOf(pending);
  }

  /**
   * Returns the number of windows cut and not yet acknowledged.
   *
   * @return the count
   */
  public int pendingCount() {
    return pending.size();
  }

  /**
   * Tells whether the next offer could overwrite a frame of a pending window: a caller that scores
   * windows by reference scores (and acknowledges) the pending ones before offering more.
   *
   * @return true when the oldest pending window must be consumed first
   */
  public boolean mustDrainBeforeOffer() {
    if (pending.isEmpty()) {
      return false;
    }
    long oldestStart = pending.peekFirst().endSeq() - spec.windowSize() + 1;
    long maxRelease = spec.reorderCapacity() + 1L;
    return oldestStart < nextSeq + maxRelease - capacity;
  }

  /**
   * Marks a window, and every window cut before it, as consumed.
   *
   * @param window the window
   */
  public void acknowledge(WindowRef window) {
    while (!pending.isEmpty() && pending.peekFirst().endSeq() <= window.endSeq()) {
      pending.pollFirst();
    }
  }

  /**
   * Materialises a window cut by this assembler.
   *
   * @param window the window
   * @return its values as float {@code [W][F]} with the frame times
   * @throws IllegalStateException when the ring has overwritten some of its frames
   */
  public Window window(WindowRef window) {
    int w = spec.windowSize();
    long first = checkReadable(window);
    long[] times = new long[w];
    float[][] values = new float[w][channels];
    for (int i = 0; i < w; i++) {
      int slot = slot(first + i);
      times[i] = ringTimes[slot];
      System.arraycopy(ringValues, slot * channels, values[i], 0, channels);
    }
    return new Window(spec.channels(), times, values);
  }

  /**
   * Returns the event times of a window's frames, oldest first (they need not be evenly spaced: a
   * window may span a short pause).
   *
   * @param window the window
   * @return W times, epoch millis
   * @throws IllegalStateException when the ring has overwritten some of its frames
   */
  public long[] frameTimes(WindowRef window) {
    long first = checkReadable(window);
    long[] times = new long[spec.windowSize()];
    for (int i = 0; i < times.length; i++) {
      times[i] = ringTimes[slot(first + i)];
    }
    return times;
  }

  /**
   * Copies a window's values, row-major {@code [W][F]}, into {@code target} at {@code offset}: the
   * model's input without an intermediate copy.
   *
   * @param window the window
   * @param target where the W×F values go
   * @param offset the index of the first value
   * @throws IllegalStateException when the ring has overwritten some of its frames
   */
  public void copyInto(WindowRef window, float[] target, int offset) {
    long first = checkReadable(window);
    int w = spec.windowSize();
    int at = offset;
    for (int i = 0; i < w; i++) {
      System.arraycopy(ringValues, slot(first + i) * channels, target, at, channels);
      at += channels;
    }
  }

  private long checkReadable(WindowRef window) {
    long first = window.endSeq() - spec.windowSize() + 1;
    if (first < 0
        || window.endSeq() >= nextSeq
        || first < nextSeq - capacity
        || ringSeqs[slot(first)] != first
        || ringSeqs[slot(window.endSeq())] != window.endSeq()) {
      throw new IllegalStateException(
          "window "
              + window
              + " is no longer in the frame ring (frames "
              + Math.max(0, nextSeq - capacity)
              + ".."
              + (nextSeq - 1)
              + " are); it must be read before "
              + (capacity - spec.windowSize())
              + " more frames are released");
    }
    return first;
  }

  private int slot(long seq) {
    return (int) (seq % capacity);
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
    if (lastReleased != NONE && t <= lastReleased) {
      return new AssemblyResult(isReleased(t) ? duplicate(t) : late(t), List.of());
    }
    if (watermark != NONE && t < watermark) {
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
    List<AssemblyEvent> events = new ArrayList<>(2);
    long releaseUpTo = watermark();
    while (!buffer.isEmpty()
        && (buffer.firstTime() <= releaseUpTo || buffer.size() > spec.reorderCapacity())) {
      releaseFirst(events);
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
      releaseFirst(events);
    }
    return List.copyOf(events);
  }

  private void releaseFirst(List<AssemblyEvent> events) {
    long time = buffer.firstTime();
    double[] values = buffer.firstValues();
    buffer.removeFirst();
    release(time, values, events);
  }

  private long watermark() {
    if (streamTime == NONE) {
      return NONE;
    }
    // Saturate instead of overflowing for timestamps near Long.MIN_VALUE.
    long w = streamTime - spec.graceMillis();
    return w > streamTime ? NONE : w;
  }

  /** Whether a frame with exactly time {@code t} is in the ring (times ascend with sequence). */
  private boolean isReleased(long t) {
    for (long seq = nextSeq - 1; seq >= 0 && seq >= nextSeq - capacity; seq--) {
      int slot = slot(seq);
      if (ringSeqs[slot] != seq || ringTimes[slot] < t) {
        return false;
      }
      if (ringTimes[slot] == t) {
        return true;
      }
    }
    return false;
  }

  private FrameOutcome.Duplicate duplicate(long t) {
    return new FrameOutcome.Duplicate(
        t,
        "frame at "
            + t
            + " repeats the time of a frame already passed on to windows (last frame released "
            + lastReleased
            + "); expected one frame per instant, or a correction within the grace of "
            + spec.graceMillis()
            + " ms");
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
      run = 0;
      untilNextWindow = spec.windowSize();
    }
    lastReleased = t;
    GapFiller.Filled filled = gapFiller.fill(Frame.wrap(t, values));
    long seq = nextSeq++;
    int slot = slot(seq);
    ringSeqs[slot] = seq;
    ringTimes[slot] = t;
    double[] filledValues = filled.values();
    int base = slot * channels;
    for (int c = 0; c < channels; c++) {
      ringValues[base + c] = (float) filledValues[c];
    }
    ringUnfillable[slot] = filled.unfillableChannel();
    ringLastSeen[slot] = filled.lastSeen();
    run = Math.min(run + 1, capacity);
    // A caller that never acknowledges (it reads each window as it is cut) must not make the
    // pending list grow: windows whose frames the ring no longer holds are forgotten.
    while (!pending.isEmpty()
        && pending.peekFirst().endSeq() - spec.windowSize() + 1 < nextSeq - capacity) {
      pending.pollFirst();
    }
    untilNextWindow--;
    if (untilNextWindow <= 0 && run >= spec.windowSize()) {
      events.add(windowOrSkip(seq));
      untilNextWindow = spec.stride();
    }
  }

  private AssemblyEvent windowOrSkip(long endSeq) {
    int w = spec.windowSize();
    long first = endSeq - w + 1;
    for (long seq = first; seq <= endSeq; seq++) {
      int slot = slot(seq);
      if (ringUnfillable[slot] >= 0) {
        return skipped(ringTimes[slot(first)], ringTimes[slot(endSeq)], slot);
      }
    }
    WindowRef ref = new WindowRef(endSeq, ringTimes[slot(first)], ringTimes[slot(endSeq)]);
    pending.addLast(ref);
    return new AssemblyEvent.WindowReady(ref);
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
   * Encodes the head: everything but the frame ring, the spec included. Its size depends on F and
   * on the reorder buffer, not on W.
   *
   * @return the bytes, with a leading format version
   */
  public byte[] encodeHead() {
    int size =
        1
            + specBytes.length
            + 32
            + 4
            + 16 * channels
            + 4
            + buffer.size() * (16 + 8 * channels)
            + 4
            + 8 * pending.size();
    StateWriter out = new StateWriter(size).format(HEAD, FORMAT).putRaw(specBytes);
    out.putLong(streamTime)
        .putLong(lastReleased)
        .putLong(nextSeq)
        .putInt(run)
        .putInt(untilNextWindow);
    gapFiller.write(out);
    out.putInt(buffer.size());
    for (int i = 0; i < buffer.size(); i++) {
      out.putLong(buffer.time(i)).putDoubles(buffer.values(i));
    }
    out.putInt(pending.size());
    for (WindowRef ref : pending) {
      out.putLong(ref.endSeq());
    }
    return out.toBytes();
  }

  /**
   * Hands over the frame records that changed since the last save, and marks every ring slot saved.
   * Slots are grouped {@code slotsPerRecord} at a time (slot {@code i} is in group {@code i /
   * slotsPerRecord}); each group with a slot written since the last save is handed over once, with
   * every frame its slots hold now. A caller that saves once per commit so writes one record per
   * group that changed instead of one per frame, and the bytes of a record never grow with W.
   *
   * @param slotsPerRecord how many consecutive slots a record holds, at least 1
   * @param sink where the records go
   */
  public void saveFrames(int slotsPerRecord, FrameSink sink) {
    if (slotsPerRecord < 1) {
      throw new IllegalArgumentException("slotsPerRecord is " + slotsPerRecord + ", expected >= 1");
    }
    long from = Math.max(savedThrough + 1, Math.max(0, nextSeq - capacity));
    int lastGroup = -1;
    int firstGroup = -1;
    for (long seq = from; seq < nextSeq; seq++) {
      int group = slot(seq) / slotsPerRecord;
      // Slots run up the ring and wrap once at most: a group comes back only at the wrap.
      if (group != lastGroup && group != firstGroup) {
        sink.put(group, encodeRecord(group, slotsPerRecord));
        if (firstGroup < 0) {
          firstGroup = group;
        }
        lastGroup = group;
      }
    }
    savedThrough = nextSeq - 1;
  }

  /**
   * Tells whether ring slots were written since the last {@link #saveFrames(int, FrameSink)}.
   *
   * @return true when a save would hand over records
   */
  public boolean hasUnsavedFrames() {
    return savedThrough < nextSeq - 1;
  }

  private byte[] encodeRecord(int group, int slotsPerRecord) {
    int first = group * slotsPerRecord;
    int end = Math.min(capacity, first + slotsPerRecord);
    int count = 0;
    for (int slot = first; slot < end; slot++) {
      if (ringSeqs[slot] >= 0) {
        count++;
      }
    }
    // Each frame is written in place, length-prefixed as putBytes(encodeFrame(...)) would write
    // it, without an array of its own; the writer is sized exactly, so it never grows.
    StateWriter out = new StateWriter(5 + count * (8 + FRAME_BYTES_MAX + 4 * channels));
    out.format(RECORD, FORMAT).putInt(count);
    for (int slot = first; slot < end; slot++) {
      if (ringSeqs[slot] >= 0) {
        out.putInt(slot).putInt(frameBytes(slot));
        writeFrame(out, ringSeqs[slot]);
      }
    }
    return out.toBytes();
  }

  /**
   * Decodes a frame record of {@link #saveFrames(int, FrameSink)} into its slots' frames, in the
   * per-slot form {@link #restore} reads.
   *
   * @param record the record's bytes
   * @return each encoded frame by its slot index
   * @throws CorruptStateException when the record cannot be decoded
   */
  public static Map<Integer, byte[]> framesOfRecord(byte[] record) {
    StateReader in = StateReader.of(RECORD, record).expectFormat(FORMAT);
    int count =
        in.getInt("frame count", 0, WindowSpec.MAX_FRAMES * (WindowSpec.PENDING_WINDOWS + 2));
    Map<Integer, byte[]> frames = new HashMap<>();
    for (int i = 0; i < count; i++) {
      frames.put(in.getInt("slot", 0, Integer.MAX_VALUE), in.getBytes("frame"));
    }
    in.expectEnd();
    return frames;
  }

  private byte[] encodeFrame(long seq) {
    StateWriter out = new StateWriter(frameBytes(slot(seq)));
    writeFrame(out, seq);
    return out.toBytes();
  }

  /** The exact length of {@link #encodeFrame} of the frame in a slot. */
  private int frameBytes(int slot) {
    return FRAME_BYTES_MAX - (ringUnfillable[slot] >= 0 ? 0 : 8) + 4 * channels;
  }

  private void writeFrame(StateWriter out, long seq) {
    int slot = slot(seq);
    out.format(SLOT, FORMAT).putLong(seq).putLong(ringTimes[slot]).putInt(ringUnfillable[slot]);
    if (ringUnfillable[slot] >= 0) {
      out.putLong(ringLastSeen[slot]);
    }
    out.putFloats(ringValues, slot * channels, channels);
  }

  private void decodeFrame(long expectedSeq, byte[] bytes) {
    StateReader in = StateReader.of(SLOT, bytes).expectFormat(FORMAT);
    long seq = in.getLong("seq");
    if (seq != expectedSeq) {
      throw in.invalid("seq", "is " + seq + ", expected " + expectedSeq + " in this slot");
    }
    int slot = slot(seq);
    ringSeqs[slot] = seq;
    ringTimes[slot] = in.getLong("time");
    ringUnfillable[slot] = in.getInt("unfillable", -1, channels - 1);
    ringLastSeen[slot] = ringUnfillable[slot] >= 0 ? in.getLong("lastSeen") : NONE;
    in.getFloats("values", ringValues, slot * channels, channels);
    in.expectEnd();
  }

  /**
   * Rebuilds an assembler from its head and its ring slots' frames.
   *
   * @param head the bytes of {@link #encodeHead()}
   * @param frames a slot's encoded frame by slot index ({@link #framesOfRecord} gives them from the
   *     records of {@link #saveFrames(int, FrameSink)}), null where a slot was never written
   * @return the assembler, continuing exactly where the original was
   * @throws CorruptStateException when the bytes cannot be decoded, or a frame that a window still
   *     needs is missing
   */
  public static WindowAssembler restore(byte[] head, LongFunction<byte[]> frames) {
    StateReader in = StateReader.of(HEAD, head).expectFormat(FORMAT);
    WindowAssembler a = new WindowAssembler(readSpec(in));
    a.readHead(in);
    long firstNeeded = a.nextSeq - Math.min(a.run, a.spec.windowSize());
    if (!a.pending.isEmpty()) {
      firstNeeded = Math.min(firstNeeded, a.pending.peekFirst().endSeq() - a.spec.windowSize() + 1);
    }
    for (long seq = Math.max(0, a.nextSeq - a.capacity); seq < a.nextSeq; seq++) {
      byte[] bytes = frames.apply(a.slot(seq));
      if (bytes == null) {
        if (seq >= firstNeeded) {
          throw in.invalid("frame " + seq, "is missing; a window still needs it");
        }
        continue;
      }
      try {
        a.decodeFrame(seq, bytes);
      } catch (CorruptStateException e) {
        if (seq >= firstNeeded) {
          throw e;
        }
        // An older slot of another era (e.g. written before a restart of the sequence): unused.
      }
    }
    a.savedThrough = a.nextSeq - 1;
    a.resolvePendingTimes();
    return a;
  }

  private void readHead(StateReader in) {
    streamTime = in.getLong("streamTime");
    lastReleased = in.getLong("lastReleased");
    nextSeq = in.getLong("nextSeq");
    if (nextSeq < 0) {
      throw in.invalid("nextSeq", "is " + nextSeq + ", expected >= 0");
    }
    run = in.getInt("run", 0, capacity);
    untilNextWindow = in.getInt("untilNextWindow", Integer.MIN_VALUE, Integer.MAX_VALUE);
    gapFiller.read(in);
    int buffered = in.getInt("buffer size", 0, spec.reorderCapacity());
    for (int i = 0; i < buffered; i++) {
      long time = in.getLong("buffer time");
      double[] values = in.getDoubles("buffer values", channels);
      if (values.length != channels) {
        throw in.invalid(
            "buffer values", "has " + values.length + " channels, expected " + channels);
      }
      buffer.put(time, values);
    }
    int waiting = in.getInt("pending count", 0, capacity);
    for (int i = 0; i < waiting; i++) {
      long end = in.getLong("pending endSeq");
      if (end >= nextSeq || end - spec.windowSize() + 1 < nextSeq - capacity) {
        throw in.invalid("pending endSeq", "is " + end + ", outside the ring");
      }
      // Times are filled in once the ring is read.
      pending.addLast(new WindowRef(end, NONE, NONE));
    }
    in.expectEnd();
  }

  private void resolvePendingTimes() {
    int n = pending.size();
    for (int i = 0; i < n; i++) {
      WindowRef ref = pending.pollFirst();
      long first = ref.endSeq() - spec.windowSize() + 1;
      pending.addLast(
          new WindowRef(ref.endSeq(), ringTimes[slot(first)], ringTimes[slot(ref.endSeq())]));
    }
  }

  /**
   * Encodes the whole state, spec included, as one snapshot: the head and every live ring slot.
   *
   * @return the bytes, with a leading format version
   */
  public byte[] toBytes() {
    StateWriter out = new StateWriter(256).format(WHAT, FORMAT);
    out.putBytes(encodeHead());
    long from = Math.max(0, nextSeq - capacity);
    int count = 0;
    for (long seq = from; seq < nextSeq; seq++) {
      if (ringSeqs[slot(seq)] == seq) {
        count++;
      }
    }
    out.putInt(count);
    for (long seq = from; seq < nextSeq; seq++) {
      if (ringSeqs[slot(seq)] == seq) {
        out.putInt(slot(seq)).putBytes(encodeFrame(seq));
      }
    }
    return out.toBytes();
  }

  /**
   * Restores an assembler from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the assembler, continuing exactly where the original was
   * @throws CorruptStateException when the bytes cannot be decoded
   */
  public static WindowAssembler fromBytes(byte[] bytes) {
    StateReader in = StateReader.of(WHAT, bytes).expectFormat(FORMAT);
    byte[] head = in.getBytes("head");
    int count =
        in.getInt("frame count", 0, WindowSpec.MAX_FRAMES * (WindowSpec.PENDING_WINDOWS + 2));
    Map<Long, byte[]> slots = new HashMap<>();
    for (int i = 0; i < count; i++) {
      slots.put((long) in.getInt("slot", 0, Integer.MAX_VALUE), in.getBytes("frame"));
    }
    in.expectEnd();
    return restore(head, slots::get);
  }

  private static void writeSpec(StateWriter out, WindowSpec spec) {
    out.putInt(spec.channels().size());
    for (String channel : spec.channels()) {
      out.putString(channel);
    }
    out.putInt(spec.windowSize())
        .putInt(spec.stride())
        .putLong(spec.graceMillis())
        .putInt(spec.gapFill().maxCarrySteps())
        .putLong(spec.gapFill().stepMillis());
  }

  private static WindowSpec readSpec(StateReader in) {
    int channels = in.getInt("channel count", 1, 1 << 16);
    List<String> names = new ArrayList<>(channels);
    for (int i = 0; i < channels; i++) {
      names.add(in.getString("channel"));
    }
    try {
      return new WindowSpec(
          names,
          in.getInt("windowSize"),
          in.getInt("stride"),
          in.getLong("graceMillis"),
          new GapFillPolicy(in.getInt("maxCarrySteps"), in.getLong("stepMillis")));
    } catch (IllegalArgumentException e) {
      throw in.invalid("spec", "is invalid: " + e.getMessage());
    }
  }

  /**
   * Reads only the spec from a head, e.g. to tell whether stored state was cut for another model.
   *
   * @param head the bytes of {@link #encodeHead()}
   * @return the spec
   * @throws CorruptStateException when the bytes cannot be decoded
   */
  public static WindowSpec specOf(byte[] head) {
    return readSpec(StateReader.of(HEAD, head).expectFormat(FORMAT));
  }
}
