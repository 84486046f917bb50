package io.vigil.demo;

import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.EpisodeEventKind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the application's outputs as a downstream consumer would ({@code read_committed}), counts
 * them, and prints anomaly events and dead letters on the console. Reads only what is written after
 * it starts, so a restarted demo counts its own run. Owned by one thread.
 */
final class OutputMonitor implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final TopicCatalogue topics;
  private final PrintStream console;
  private final AtomicLong windows = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final List<EpisodeMatcher.Opening> openings = new ArrayList<>();

  OutputMonitor(String bootstrapServers, TopicCatalogue topics, PrintStream console) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        IsolationLevel.READ_COMMITTED.toString().toLowerCase(Locale.ROOT));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.console = console;
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(topics.scores().name(), topics.anomalies().name(), topics.deadLetter().name())) {
      for (PartitionInfo p : consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position);
  }

  /** Reads what is available within {@code timeout}. */
  void poll(Duration timeout) {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      if (r.topic().equals(topics.scores().name())) {
        windows.incrementAndGet();
      } else if (r.topic().equals(topics.anomalies().name())) {
        AnomalyEvent event =
            topics.anomalies().valueSerde().deserializer().deserialize(r.topic(), r.value());
        events.incrementAndGet();
        if (event.getKind() == EpisodeEventKind.OPEN) {
          openings.add(new EpisodeMatcher.Opening(event.getDeviceId(), event.getStartTime()));
        }
        console.println(describe(event));
      } else {
        DeadLetter letter =
            topics.deadLetter().valueSerde().deserializer().deserialize(r.topic(), r.value());
        deadLetters.incrementAndGet();
        console.printf(
            Locale.ROOT,
            "  dead letter  %-16s %s%n",
            letter.getErrorKind(),
            letter.getErrorMessage());
      }
    }
  }

  /** Whether everything committed to the output topics so far has been read. */
  boolean caughtUp() {
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  static String describe(AnomalyEvent e) {
    return String.format(
        Locale.ROOT,
        "  %-6s %-12s %s  score %.3f / threshold %.3f  %s  top %s",
        e.getKind(),
        e.getDeviceId(),
        e.getEventTime(),
        e.getKind() == EpisodeEventKind.OPEN ? e.getLatestScore() : e.getPeakScore(),
        e.getThreshold(),
        e.getSeverity(),
        e.getTopChannels().isEmpty() ? "-" : e.getTopChannels().get(0).getChannel());
  }

  long windows() {
    return windows.get();
  }

  long events() {
    return events.get();
  }

  long deadLetters() {
    return deadLetters.get();
  }

  /** Episodes opened during this run. */
  List<EpisodeMatcher.Opening> openings() {
    return openings;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
