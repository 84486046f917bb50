package io.vigil.core.window;

import io.vigil.core.codec.StateReader;
import io.vigil.core.codec.StateWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aligns one device's narrow readings (sensor, event time, value) into frames on a fixed grid.
 *
 * <p>A reading at time t goes to the nearest slot k ({@code k * step}) when {@code |t - k * step|
 * <= tolerance}, and is refused as MISALIGNED otherwise. The device's stream time is the newest
 * reading time accepted; a slot is complete once stream time is past {@code slot time + grace}, and
 * complete slots are emitted as frames in time order, missing channels as NaN (gap filling is the
 * {@link WindowAssembler}'s job, after ordering). A reading for a complete slot is refused as LATE,
 * as is one for a slot not after the last one emitted (e.g. after {@link #flush()}). Only slots
 * that received at least one reading become frames; instants with no reading at all are left to the
 * assembler's pause handling rather than emitted as empty frames.
 *
 * <p>Duplicates (two readings of one channel for one slot): the one closer to the slot time wins,
 * and at equal distance the later arrival wins (a correction). A null or NaN value means the sensor
 * reported no reading: it is accepted but never replaces a value. Infinite values are refused.
 *
 * <p>Memory: the pending slots span at most {@code (grace + tolerance) / step + 1} slots. Not
 * thread-safe; one instance per device.
 */
public final class FrameAligner {
  private static final String WHAT = "FrameAligner";
  private static final int FORMAT = 1;
  private static final long NONE = Long.MIN_VALUE;

  /** Offset recorded for a channel with no value in a slot. */
  private static final long NO_VALUE = Long.MAX_VALUE;

  private final AlignmentSpec spec;
  private final Map<String, Integer> channelIndex = new HashMap<>();
  private final TreeMap<Long, Slot> pending = new TreeMap<>();
  private long streamTime = NONE;
  private long lastEmitted = NONE;

  /** One slot's values and, per channel, the distance of the reading kept from the slot time. */
  private static final class Slot {
    final double[] values;
    final long[] offsets;

    Slot(int channels) {
      values = new double[channels];
      offsets = new long[channels];
      Arrays.fill(values, Double.NaN);
      Arrays.fill(offsets, NO_VALUE);
    }
  }

  /**
   * Creates an aligner with nothing pending.
   *
   * @param spec the alignment spec
   */
  public FrameAligner(AlignmentSpec spec) {
    this.spec = spec;
    for (int i = 0; i < spec.channels().size(); i++) {
      channelIndex.put(spec.channels().get(i), i);
    }
  }

  /**
   * Returns the spec.
   *
   * @return the spec
   */
  public AlignmentSpec spec() {
    return spec;
  }

  /**
   * Returns the newest reading time accepted.
   *
   * @return epoch millis, or {@code Long.MIN_VALUE} before the first reading
   */
  public long streamTime() {
    return streamTime;
  }

  /**
   * Returns the number of slots waiting for completion.
   *
   * @return the count
   */
  public int pendingSlots() {
    return pending.size();
  }

  /**
   * Offers one reading.
   *
   * @param sensor the sensor (channel) name
   * @param eventTime when it was measured, epoch millis
   * @param value the value; null or NaN when the sensor reported no reading
   * @return what happened to the reading, and the frames completed
   */
  public AlignResult offer(String sensor, long eventTime, Double value) {
    Integer channel = channelIndex.get(sensor);
    if (channel == null) {
      return rejected(
          ReadingOutcome.Reason.UNKNOWN_CHANNEL,
          sensor,
          eventTime,
          "unknown channel '"
              + sensor
              + "' at "
              + eventTime
              + "; expected one of "
              + spec.channels());
    }
    if (value != null && value.isInfinite()) {
      return rejected(
          ReadingOutcome.Reason.NON_FINITE_VALUE,
          sensor,
          eventTime,
          "channel '"
              + sensor
              + "' at "
              + eventTime
              + " has value "
              + value
              + "; expected a finite number, or null for no reading");
    }
    long step = spec.stepMillis();
    long slot =
        Math.floorDiv(eventTime, step) + (Math.floorMod(eventTime, step) * 2 >= step ? 1 : 0);
    long slotTime = slot * step;
    long offset = Math.abs(eventTime - slotTime);
    if (offset > spec.toleranceMillis()) {
      return rejected(
          ReadingOutcome.Reason.MISALIGNED,
          sensor,
          eventTime,
          "channel '"
              + sensor
              + "' at "
              + eventTime
              + " is "
              + offset
              + " ms from the nearest slot "
              + slotTime
              + "; expected at most "
              + spec.toleranceMillis()
              + " ms (step "
              + step
              + " ms)");
    }
    if ((lastEmitted != NONE && slotTime <= lastEmitted)
        || (streamTime != NONE && streamTime - spec.graceMillis() > slotTime)) {
      return rejected(
          ReadingOutcome.Reason.LATE,
          sensor,
          eventTime,
          "channel '"
              + sensor
              + "' at "
              + eventTime
              + " is late: slot "
              + slotTime
              + " is complete (stream time "
              + streamTime
              + ", grace "
              + spec.graceMillis()
              + " ms, last slot emitted "
              + lastEmitted
              + "); expected a reading for a slot after "
              + Math.max(lastEmitted, streamTime - spec.graceMillis() - 1));
    }
    ReadingOutcome.Duplicate duplicate = place(slotTime, channel, offset, value);
    streamTime = streamTime == NONE ? eventTime : Math.max(streamTime, eventTime);
    List<Frame> frames = new ArrayList<>();
    while (!pending.isEmpty() && streamTime - spec.graceMillis() > pending.firstKey()) {
      frames.add(emit(pending.pollFirstEntry()));
    }
    return new AlignResult(new ReadingOutcome.Accepted(slotTime, duplicate), frames);
  }

  /**
   * Emits every pending slot, e.g. at the end of a backtest's input. Later readings for these slots
   * are late.
   *
   * @return the frames, oldest first
   */
  public List<Frame> flush() {
    List<Frame> frames = new ArrayList<>();
    while (!pending.isEmpty()) {
      frames.add(emit(pending.pollFirstEntry()));
    }
    return List.copyOf(frames);
  }

  private ReadingOutcome.Duplicate place(long slotTime, int channel, long offset, Double value) {
    Slot slot = pending.computeIfAbsent(slotTime, k -> new Slot(spec.channels().size()));
    boolean hasValue = value != null && !value.isNaN();
    boolean hadValue = slot.offsets[channel] != NO_VALUE;
    if (!hasValue) {
      return hadValue ? ReadingOutcome.Duplicate.KEPT_EARLIER : ReadingOutcome.Duplicate.NONE;
    }
    if (hadValue && offset > slot.offsets[channel]) {
      return ReadingOutcome.Duplicate.KEPT_EARLIER;
    }
    slot.values[channel] = value;
    slot.offsets[channel] = offset;
    return hadValue ? ReadingOutcome.Duplicate.REPLACED_EARLIER : ReadingOutcome.Duplicate.NONE;
  }

  private Frame emit(Map.Entry<Long, Slot> entry) {
    lastEmitted = entry.getKey();
    return Frame.of(entry.getKey(), entry.getValue().values);
  }

  private static AlignResult rejected(
      ReadingOutcome.Reason reason, String sensor, long eventTime, String message) {
    return new AlignResult(
        new ReadingOutcome.Rejected(reason, sensor, eventTime, message), List.of());
  }

  /**
   * Encodes the whole state, spec included.
   *
   * @return the bytes, with a leading format version
   */
  public byte[] toBytes() {
    StateWriter out = new StateWriter(128).format(WHAT, FORMAT);
    out.putInt(spec.channels().size());
    for (String channel : spec.channels()) {
      out.putString(channel);
    }
    out.putLong(spec.stepMillis())
        .putLong(spec.toleranceMillis())
        .putLong(spec.graceMillis())
        .putLong(streamTime)
        .putLong(lastEmitted)
        .putInt(pending.size());
    for (Map.Entry<Long, Slot> entry : pending.entrySet()) {
      out.putLong(entry.getKey()).putDoubles(entry.getValue().values);
      for (long offset : entry.getValue().offsets) {
        out.putLong(offset);
      }
    }
    return out.toBytes();
  }

  /**
   * Restores an aligner from {@link #toBytes()}.
   *
   * @param bytes the encoded state
   * @return the aligner, continuing exactly where the original was
   * @throws io.vigil.core.codec.CorruptStateException when the bytes cannot be decoded
   */
  public static FrameAligner fromBytes(byte[] bytes) {
    StateReader in = StateReader.of(WHAT, bytes).expectFormat(FORMAT);
    int channels = in.getInt("channel count", 1, 1 << 16);
    List<String> names = new ArrayList<>(channels);
    for (int i = 0; i < channels; i++) {
      names.add(in.getString("channel"));
    }
    AlignmentSpec spec;
    try {
      spec =
          new AlignmentSpec(
              names,
              in.getLong("stepMillis"),
              in.getLong("toleranceMillis"),
              in.getLong("graceMillis"));
    } catch (IllegalArgumentException e) {
      throw in.invalid("spec", "is invalid: " + e.getMessage());
    }
    FrameAligner aligner = new FrameAligner(spec);
    aligner.streamTime = in.getLong("streamTime");
    aligner.lastEmitted = in.getLong("lastEmitted");
    int slots = in.getInt("pending size", 0, 2 * AlignmentSpec.MAX_GRACE_STEPS + 2);
    for (int i = 0; i < slots; i++) {
      long slotTime = in.getLong("slot time");
      Slot slot = new Slot(channels);
      double[] values = in.getDoubles("slot values", channels);
      if (values.length != channels) {
        throw in.invalid("slot values", "has " + values.length + " channels, expected " + channels);
      }
      System.arraycopy(values, 0, slot.values, 0, channels);
      for (int c = 0; c < channels; c++) {
        slot.offsets[c] = in.getLong("slot offset");
      }
      aligner.pending.put(slotTime, slot);
    }
    in.expectEnd();
    return aligner;
  }
}
