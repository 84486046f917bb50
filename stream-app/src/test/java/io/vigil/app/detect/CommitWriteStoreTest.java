package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commit hook against Kafka Streams' own task and store layering: a processor finds the store
 * behind the decorators it is given, and what its hook writes reaches the store and its changelog
 * at the commit, after the records that changed it and before the next.
 */
class CommitWriteStoreTest {
  private static final String STORE = "counts";

  @TempDir Path state;

  /** Counts records per key in memory; writes the counts only from the commit hook. */
  private static final class CountAtCommit implements Processor<String, String, Void, Void> {
    private final List<String> hooks;
    private final java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    private KeyValueStore<String, Long> store;

    CountAtCommit(List<String> hooks) {
      this.hooks = hooks;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = context.getStateStore(STORE);
      CommitWriteStore.<String, Long>find(context.getStateStore(STORE))
          .orElseThrow(() -> new AssertionError("no CommitWriteStore behind the decorators"))
          .beforeCommit(
              () -> {
                hooks.add("hook with " + counts);
                counts.forEach(store::put);
                counts.clear();
              });
    }

    @Override
    public void process(Record<String, String> record) {
      long before = store.get(record.key()) == null ? 0 : store.get(record.key());
      counts.merge(record.key(), before + 1, (a, b) -> a + 1);
    }
  }

  @ParameterizedTest(name = "record cache {0}")
  @ValueSource(booleans = {true, false})
  void theHookRunsAtEachCommitAndItsWritesReachTheChangelog(boolean cached) {
    List<String> hooks = new ArrayList<>();
    Topology topology = new Topology();
    topology.addSource("in", new StringDeserializer(), new StringDeserializer(), "input");
    topology.addProcessor("count", () -> new CountAtCommit(hooks), "in");
    StoreBuilder<KeyValueStore<String, Long>> builder =
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long());
    // Without a cache Kafka Streams still flushes the store's (empty) cache before each commit,
    // and that is where the hook runs.
    topology.addStateStore(
        CommitWriteStore.wrap(
            cached ? builder.withCachingEnabled() : builder.withCachingDisabled()),
        "count");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "hook");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(topology, props, Instant.parse("2026-01-01T00:00:00Z"))) {
      TestInputTopic<String, String> in =
          driver.createInputTopic("input", new StringSerializer(), new StringSerializer());
      TestOutputTopic<String, Long> changelog =
          driver.createOutputTopic(
              "hook-" + STORE + "-changelog",
              Serdes.String().deserializer(),
              Serdes.Long().deserializer());
      in.pipeInput("a", "x");
      in.pipeInput("a", "y");
      in.pipeInput("b", "z");

      // The driver commits after every record: the hook wrote each count at that commit.
      assertThat(hooks).contains("hook with {a=1}", "hook with {a=2}", "hook with {b=1}");
      KeyValueStore<String, Long> store = driver.getKeyValueStore(STORE);
      assertThat(store.get("a")).isEqualTo(2L);
      assertThat(store.get("b")).isEqualTo(1L);
      assertThat(changelog.readKeyValuesToList())
          .extracting(kv -> kv.key + "=" + kv.value)
          .containsExactly("a=1", "a=2", "b=1");
    }
  }
}
