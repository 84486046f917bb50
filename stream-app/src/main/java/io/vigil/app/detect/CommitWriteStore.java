package io.vigil.app.detect;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A key-value store that lets its processor write, just before each commit, what it kept back since
 * the last one. Kafka Streams flushes the record caches of a task's stores before it flushes the
 * producer and commits the transaction ({@code StreamTask.flush}); this store runs the processor's
 * hook first, then flushes its cache, so what the hook writes is in the same transaction as the
 * input offsets it reflects.
 *
 * <p>The detection stage keeps a device's assembler head and detector in memory and writes them
 * here once per commit instead of once per frame or micro-batch: with record caching only the last
 * value before a commit reaches the changelog anyway, so the per-frame encode and cache update were
 * the only effect of writing through. The hook runs from whichever of the task's hooked stores
 * flushes first; it must be idempotent (the others find nothing left to write).
 *
 * <p>It relies on one Kafka Streams internal, {@link WrappedStateStore}, both to wrap the store and
 * to find it behind the decorators {@code getStateStore} returns; {@link #find} answers empty when
 * the layering is not what it expects, and the processor then writes through as before.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class CommitWriteStore<K, V> extends WrappedStateStore<KeyValueStore<K, V>, K, V>
    implements KeyValueStore<K, V> {
  private Runnable beforeCommit;

  private CommitWriteStore(KeyValueStore<K, V> inner) {
    super(inner);
  }

  /**
   * Wraps what {@code inner} builds, with its caching and logging settings.
   *
   * @param inner the store's builder
   * @return a builder of the wrapped store
   */
  public static <K, V> StoreBuilder<KeyValueStore<K, V>> wrap(
      StoreBuilder<KeyValueStore<K, V>> inner) {
    return new Builder<>(inner);
  }

  /**
   * The hooked store behind what {@code ProcessorContext#getStateStore} returned, if any.
   *
   * @param fromContext the store as the processor got it
   * @return the store, or empty when it is not one (or Kafka Streams layers stores otherwise)
   */
  @SuppressWarnings("unchecked")
  static <K, V> Optional<CommitWriteStore<K, V>> find(StateStore fromContext) {
    StateStore s = fromContext;
    for (int depth = 0; depth < 8 && s != null; depth++) {
      if (s instanceof CommitWriteStore<?, ?> hooked) {
        return Optional.of((CommitWriteStore<K, V>) hooked);
      }
      s = s instanceof WrappedStateStore<?, ?, ?> w ? w.wrapped() : null;
    }
    return Optional.empty();
  }

  /**
   * Sets what runs before every flush of the store's cache (null for nothing).
   *
   * @param hook the processor's deferred writes
   */
  void beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
  }

  @Override
  public void flushCache() {
    runHook();
    super.flushCache();
  }

  private void runHook() {
    Runnable hook = beforeCommit;
    if (hook != null) {
      hook.run();
    }
  }

  @Override
  public void put(K key, V value) {
    wrapped().put(key, value);
  }

  @Override
  public V putIfAbsent(K key, V value) {
    return wrapped().putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<K, V>> entries) {
    wrapped().putAll(entries);
  }

  @Override
  public V delete(K key) {
    return wrapped().delete(key);
  }

  @Override
  public V get(K key) {
    return wrapped().get(key);
  }

  @Override
  public KeyValueIterator<K, V> range(K from, K to) {
    return wrapped().range(from, to);
  }

  @Override
  public KeyValueIterator<K, V> reverseRange(K from, K to) {
    return wrapped().reverseRange(from, to);
  }

  @Override
  public KeyValueIterator<K, V> all() {
    return wrapped().all();
  }

  @Override
  public KeyValueIterator<K, V> reverseAll() {
    return wrapped().reverseAll();
  }

  @Override
  public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(
      P prefix, PS prefixKeySerializer) {
    return wrapped().prefixScan(prefix, prefixKeySerializer);
  }

  @Override
  public long approximateNumEntries() {
    return wrapped().approximateNumEntries();
  }

  private static final class Builder<K, V> implements StoreBuilder<KeyValueStore<K, V>> {
    private final StoreBuilder<KeyValueStore<K, V>> inner;

    Builder(StoreBuilder<KeyValueStore<K, V>> inner) {
      this.inner = inner;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingEnabled() {
      inner.withCachingEnabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withCachingDisabled() {
      inner.withCachingDisabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<K, V>> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public KeyValueStore<K, V> build() {
      return new CommitWriteStore<>(inner.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }
}
