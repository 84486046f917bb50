package io.vigil.app.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Gives every changelogged store of a task a committed changelog offset, even a store the task
 * never writes.
 *
 * <p>Under exactly once Kafka Streams treats a persistent changelogged store without a committed
 * offset, in a task whose state directory is not empty, as possibly holding uncommitted data: at
 * the next start it declares the whole task corrupted, wipes every store of it and restores them
 * all from their changelogs, even after a clean shutdown. With Kafka 4.4.0 that was seen for the
 * dashboard's {@code recent-scores} window store after a run that scored no window: the detection
 * task's heads, rings and detectors were restored from scratch ({@code CleanRestartIT}). The
 * key-value stores were not seen to need it, but the rule is Kafka's, not theirs, so each processor
 * marks all of its stores: once after it is initialised, it writes a tombstone for {@link #MARK}, a
 * key no device or policy scope can have, into each of them. Nothing is stored, the changelog gets
 * a record, and the store an offset.
 */
public final class StoreOffsets {
  /** The key the tombstones are written for: a NUL cannot start a device id or a scope. */
  public static final String MARK = "\u0000vigil:changelog-offset";

  /** {@link #MARK} for the stores keyed by bytes (the frame rings). */
  public static final Bytes MARK_BYTES = Bytes.wrap(MARK.getBytes(StandardCharsets.UTF_8));

  private StoreOffsets() {}

  /**
   * At the first wall-clock punctuation after this call, writes a tombstone for the given key into
   * each given store (key-value or window), once.
   *
   * @param context the processor's context, from its {@code init}
   * @param keysByStore for each store the processor is connected to, {@link #MARK} or {@link
   *     #MARK_BYTES}, in the store's key type
   */
  public static void markOnce(ProcessorContext<?, ?> context, Map<String, Object> keysByStore) {
    Cancellable[] punctuation = new Cancellable[1];
    punctuation[0] =
        context.schedule(
            Duration.ofMillis(1),
            PunctuationType.WALL_CLOCK_TIME,
            timestamp -> {
              punctuation[0].cancel();
              keysByStore.forEach((name, key) -> tombstone(context.getStateStore(name), key));
            });
  }

  @SuppressWarnings("unchecked")
  private static void tombstone(StateStore store, Object key) {
    if (store instanceof KeyValueStore<?, ?> kv) {
      ((KeyValueStore<Object, Object>) kv).delete(key);
    } else if (store instanceof WindowStore<?, ?> window) {
      // At time 0: a window store's time is the largest it was given, and its retention drops
      // everything older; the wall clock here would expire every stored window at once.
      ((WindowStore<Object, Object>) window).put(key, null, 0L);
    } else {
      throw new IllegalArgumentException(
          "store " + store.name() + " is neither a key-value nor a window store");
    }
  }
}
