package io.vigil.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.detect.BadInputCorpus.Case;
import io.vigil.app.detect.BadInputCorpus.Input;
import io.vigil.app.detect.BadInputCorpus.Rec;
import io.vigil.app.ingest.DeadLetters;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowScore;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@link BadInputCorpus}) through the real application on a real broker: two
 * instances, one reading Avro frames (with the readings and policies topics) and one reading JSON
 * frames, each started once with the small test model (W=8, S=2). Every malformed or hostile input
 * is dead-lettered with exactly its reason, the inputs that must be accepted are, every window of
 * the valid devices is scored, and neither application leaves RUNNING or loses a stream thread.
 */
@WithKafka
class BadInputCorpusIT {
  private static final int W = 8;
  private static final int S = 2;

  /** A frame leaves the reorder buffer once its device's stream time is 5 steps past it. */
  private static final int GRACE_STEPS = 5;

  /** Cases are spread over the valid streams, one every few steps from this one. */
  private static final int FIRST_CASE_STEP = 12;

  private static final int CASE_EVERY = 3;

  /** Generous on a loaded 2-core machine; a healthy run needs a few seconds. */
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private static final List<VigilApp.StateChange> STARTED_ONCE =
      List.of(
          new VigilApp.StateChange(State.CREATED, State.REBALANCING),
          new VigilApp.StateChange(State.REBALANCING, State.RUNNING));

  /** A case as sent: its step, where it went, and what. */
  private record Sent(Case c, int step, String topic, int partition, long offset, Rec rec) {}

  @Test
  void everyBadInputIsDeadLetteredWithItsReasonAndEveryValidWindowIsScored(
      KafkaCluster kafka, @TempDir Path dir) throws Exception {
    long started = System.nanoTime();
    String bootstrap = kafka.bootstrapServers();
    BadInputCorpus corpus = new BadInputCorpus();
    List<Case> cases = corpus.cases();
    assertThat(cases.stream().map(Case::name).distinct().count())
        .as("case names are unique")
        .isEqualTo(cases.size());
    Path model = TestModels.small(dir);
    VigilConfig avroConfig =
        Pipelines.config(bootstrap, "corpus-avro.", "corpus-avro", dir.resolve("avro"), model);
    VigilConfig jsonConfig =
        Pipelines.config(
            bootstrap,
            "corpus-json.",
            "corpus-json",
            dir.resolve("json"),
            model,
            Map.of("vigil.input.format", "json"));
    TopicCatalogue avroTopics = Pipelines.createTopics(avroConfig, 2);
    TopicCatalogue jsonTopics = Pipelines.createTopics(jsonConfig, 2);
    allowRecordsOf(bootstrap, avroTopics.frames().name(), 4 << 20);
    Map<Input, String> topicOf = new EnumMap<>(Input.class);
    topicOf.put(Input.AVRO_FRAMES, avroTopics.frames().name());
    topicOf.put(Input.JSON_FRAMES, jsonTopics.frames().name());
    topicOf.put(Input.READINGS, avroTopics.readings().name());
    topicOf.put(Input.POLICIES, avroTopics.policies().name());

    Map<String, Long> sentPerTopic = new HashMap<>();
    List<Sent> sent = publish(bootstrap, corpus, cases, topicOf, sentPerTopic);

    try (VigilApp avro = VigilApp.start(avroConfig, Duration.ofMinutes(2));
        VigilApp json = VigilApp.start(jsonConfig, Duration.ofMinutes(2));
        Tail<DeadLetter> avroDead =
            new Tail<>(bootstrap, avroTopics.deadLetter().name(), VigilSerdes.deadLetter());
        Tail<DeadLetter> jsonDead =
            new Tail<>(bootstrap, jsonTopics.deadLetter().name(), VigilSerdes.deadLetter());
        Tail<WindowScore> avroScores =
            new Tail<>(bootstrap, avroTopics.scores().name(), VigilSerdes.windowScore());
        Tail<WindowScore> jsonScores =
            new Tail<>(bootstrap, jsonTopics.scores().name(), VigilSerdes.windowScore())) {
      try {
        for (Map.Entry<String, Long> topic : sentPerTopic.entrySet()) {
          VigilConfig config = topic.getKey().startsWith("corpus-json.") ? jsonConfig : avroConfig;
          Pipelines.awaitCommitted(config, topic.getKey(), topic.getValue(), WITHIN);
        }
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; " + diagnostics(avro, json), e);
      }
      Set<String> expectedAvro = new TreeSet<>();
      BadInputCorpus.AVRO_DEVICES.forEach(
          d -> expectedAvro.addAll(windows(d, BadInputCorpus.AVRO_STEPS - 1 - GRACE_STEPS)));
      // Readings wait a grace in the aligner and another in the window assembler.
      expectedAvro.addAll(
          windows(
              BadInputCorpus.READING_DEVICE, BadInputCorpus.READING_STEPS - 2 - 2 * GRACE_STEPS));
      Set<String> expectedJson = new TreeSet<>();
      BadInputCorpus.JSON_DEVICES.forEach(
          d -> expectedJson.addAll(windows(d, BadInputCorpus.JSON_STEPS - 1 - GRACE_STEPS)));
      List<Case> expectingLetters = cases.stream().filter(c -> !c.accepted()).toList();
      long deadline = System.nanoTime() + WITHIN.toNanos();
      while (System.nanoTime() < deadline) {
        avroDead.poll();
        jsonDead.poll();
        avroScores.poll();
        jsonScores.poll();
        Set<String> lettered =
            concat(avroDead.values(), jsonDead.values()).stream()
                .map(l -> attribute(l, sent))
                .filter(s -> s != null)
                .map(s -> s.c().name())
                .collect(Collectors.toSet());
        if (names(avroScores.values()).containsAll(expectedAvro)
            && names(jsonScores.values()).containsAll(expectedJson)
            && expectingLetters.stream().allMatch(c -> lettered.contains(c.name()))) {
          break;
        }
      }

      // Every dead letter belongs to a case, and every case got exactly its reason.
      List<DeadLetter> letters = concat(avroDead.values(), jsonDead.values());
      Map<String, List<DeadLetterReason>> got = new LinkedHashMap<>();
      cases.forEach(c -> got.put(c.name(), new ArrayList<>()));
      List<String> strays = new ArrayList<>();
      List<String> rawMismatches = new ArrayList<>();
      for (DeadLetter l : letters) {
        Sent s = attribute(l, sent);
        if (s == null) {
          strays.add(describe(l));
          continue;
        }
        got.get(s.c().name()).add(l.getErrorKind());
        String raw = checkRaw(l, s);
        if (raw != null) {
          rawMismatches.add(s.c().name() + ": " + raw);
        }
      }
      List<String> wrong = new ArrayList<>();
      for (Case c : cases) {
        List<DeadLetterReason> want = c.accepted() ? List.of() : List.of(c.expected());
        if (!got.get(c.name()).equals(want)) {
          wrong.add(
              String.format(
                  Locale.ROOT,
                  "%s: expected %s, got %s",
                  c.name(),
                  c.accepted() ? "ACCEPTED" : c.expected(),
                  got.get(c.name())));
        }
      }
      assertThat(wrong).as("cases with another outcome than theirs").isEmpty();
      assertThat(strays).as("dead letters of no case").isEmpty();
      assertThat(rawMismatches).as("dead letters without the raw record").isEmpty();

      // Every valid window was scored, once, with a finite score.
      assertThat(sortedNames(avroScores.values())).isEqualTo(List.copyOf(expectedAvro));
      assertThat(sortedNames(jsonScores.values())).isEqualTo(List.copyOf(expectedJson));
      assertThat(concat(avroScores.values(), jsonScores.values()))
          .allSatisfy(s -> assertThat(s.getScore()).isFinite().isNotNegative());
      assertThat(avro.metrics().windowCount()).isEqualTo(expectedAvro.size());
      assertThat(json.metrics().windowCount()).isEqualTo(expectedJson.size());
      // Subnormal values are accepted and scored, not refused.
      for (Sent s : sent) {
        if (s.c().name().startsWith("subnormal") || s.c().name().equals("json-subnormal")) {
          String device = s.c().replaces();
          Set<String> covering =
              (s.c().input() == Input.JSON_FRAMES ? jsonScores : avroScores)
                  .values().stream()
                      .filter(w -> w.getDeviceId().equals(device))
                      .filter(w -> covers(w, s.step()))
                      .map(BadInputCorpusIT::name)
                      .collect(Collectors.toSet());
          assertThat(covering).as("windows over %s", s.c().name()).hasSize(W / S);
        }
      }
      // Accepted frames: the valid ones, the frames aligned from readings, the accepted cases.
      long acceptedCases =
          sent.stream()
              .filter(s -> s.c().accepted() && s.c().replaces() == null)
              .filter(s -> s.c().input() == Input.AVRO_FRAMES)
              .count();
      assertThat(avro.metrics().frameCount())
          .isEqualTo(
              BadInputCorpus.AVRO_DEVICES.size() * BadInputCorpus.AVRO_STEPS
                  + (BadInputCorpus.READING_STEPS - 1 - GRACE_STEPS)
                  + acceptedCases);
      assertThat(json.metrics().frameCount())
          .isEqualTo(BadInputCorpus.JSON_DEVICES.size() * BadInputCorpus.JSON_STEPS);
      assertThat(avro.metrics().unknownChannelCount(BadInputCorpus.UNKNOWN_CHANNEL_NAME))
          .isEqualTo(1.0);
      // The metrics count what the topic holds.
      assertThat(countsByReason(avro)).isEqualTo(reasons(avroDead.values()));
      assertThat(countsByReason(json)).isEqualTo(reasons(jsonDead.values()));

      for (VigilApp app : List.of(avro, json)) {
        assertThat(app.stateChanges()).as("state changes").isEqualTo(STARTED_ONCE);
        assertThat(app.metrics().streamThreadReplacedCount()).as("threads replaced").isZero();
        // Every bad input was refused by the processors themselves, none by the last resort.
        assertThat(app.metrics().deadLetterCount(DeadLetterReason.PROCESSING_FAILED)).isZero();
      }
    }
    List<ThresholdPolicy> active =
        Pipelines.readAll(
                bootstrap,
                avroTopics.activePolicies().name(),
                new StringDeserializer(),
                VigilSerdes.thresholdPolicy())
            .stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(active).singleElement().satisfies(p -> assertThat(p.getVersion()).isEqualTo(3L));
    System.out.printf(
        Locale.ROOT,
        "bad-input corpus: %d cases, %d ms%n",
        cases.size(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  /**
   * Publishes the valid streams with the cases among them; returns each case with where it went.
   */
  private static List<Sent> publish(
      String bootstrap,
      BadInputCorpus corpus,
      List<Case> cases,
      Map<Input, String> topicOf,
      Map<String, Long> sentPerTopic)
      throws Exception {
    Map<Integer, List<Case>> avroAt = new HashMap<>();
    Map<Integer, List<Case>> jsonAt = new HashMap<>();
    int avroIndex = 0;
    int jsonIndex = 0;
    Map<Case, Integer> stepOf = new HashMap<>();
    for (Case c : cases) {
      boolean jsonApp = c.input() == Input.JSON_FRAMES;
      int step = FIRST_CASE_STEP + CASE_EVERY * (jsonApp ? jsonIndex++ : avroIndex++);
      stepOf.put(c, step);
      (jsonApp ? jsonAt : avroAt).computeIfAbsent(step, k -> new ArrayList<>()).add(c);
    }
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
    Map<Case, Future<RecordMetadata>> futures = new HashMap<>();
    Map<Case, Rec> recs = new HashMap<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      Sender send =
          (topic, rec) -> {
            sentPerTopic.merge(topic, 1L, Long::sum);
            return producer.send(
                new ProducerRecord<>(topic, null, rec.timestamp(), rec.key(), rec.value()));
          };
      for (int k = 0; k < BadInputCorpus.AVRO_STEPS; k++) {
        List<Case> here = avroAt.getOrDefault(k, List.of());
        for (String d : BadInputCorpus.AVRO_DEVICES) {
          sendValid(send, topicOf.get(Input.AVRO_FRAMES), corpus, d, k, here, futures, recs);
        }
        if (k < BadInputCorpus.READING_STEPS) {
          for (SensorReading r : corpus.validReadings(k)) {
            send.send(
                topicOf.get(Input.READINGS),
                new Rec(
                    BadInputCorpus.utf8(r.getDeviceId()),
                    VigilSerdes.reading().encode(r),
                    r.getEventTime().toEpochMilli()));
          }
        }
        sendCases(send, topicOf, k, here, futures, recs);
      }
      for (int k = 0; k < BadInputCorpus.JSON_STEPS; k++) {
        List<Case> here = jsonAt.getOrDefault(k, List.of());
        for (String d : BadInputCorpus.JSON_DEVICES) {
          sendValid(send, topicOf.get(Input.JSON_FRAMES), corpus, d, k, here, futures, recs);
        }
        sendCases(send, topicOf, k, here, futures, recs);
      }
      producer.flush();
    }
    List<Sent> sent = new ArrayList<>();
    for (Case c : cases) {
      RecordMetadata m = futures.get(c).get();
      sent.add(new Sent(c, stepOf.get(c), m.topic(), m.partition(), m.offset(), recs.get(c)));
    }
    return sent;
  }

  @FunctionalInterface
  private interface Sender {
    Future<RecordMetadata> send(String topic, Rec rec);
  }

  private static void sendValid(
      Sender send,
      String topic,
      BadInputCorpus corpus,
      String device,
      int step,
      List<Case> here,
      Map<Case, Future<RecordMetadata>> futures,
      Map<Case, Rec> recs) {
    for (Case c : here) {
      if (device.equals(c.replaces())) {
        Rec rec = c.record().apply(step);
        recs.put(c, rec);
        futures.put(c, send.send(topic, rec));
        return;
      }
    }
    TelemetryFrame f = corpus.valid(device).get(step);
    byte[] value =
        BadInputCorpus.JSON_DEVICES.contains(device)
            ? BadInputCorpus.json(f)
            : BadInputCorpus.avro(f);
    send.send(topic, BadInputCorpus.validRecord(device, value, f));
  }

  private static void sendCases(
      Sender send,
      Map<Input, String> topicOf,
      int step,
      List<Case> here,
      Map<Case, Future<RecordMetadata>> futures,
      Map<Case, Rec> recs) {
    for (Case c : here) {
      if (c.replaces() == null) {
        Rec rec = c.record().apply(step);
        recs.put(c, rec);
        futures.put(c, send.send(topicOf.get(c.input()), rec));
      }
    }
  }

  /**
   * The case a dead letter belongs to: the one sent at its source position, or, for a record that
   * went through a repartition topic first, the one whose record decodes to the same reading or
   * frame.
   */
  private static Sent attribute(DeadLetter l, List<Sent> sent) {
    for (Sent s : sent) {
      if (s.topic().equals(l.getSourceTopic())
          && s.partition() == l.getSourcePartition()
          && s.offset() == l.getSourceOffset()) {
        return s;
      }
    }
    if (!l.getSourceTopic().endsWith("-repartition") || l.getRawValue() == null) {
      return null;
    }
    byte[] raw = bytes(l.getRawValue());
    for (Sent s : sent) {
      if (s.rec().value() == null) {
        continue;
      }
      try {
        if (s.c().input() == Input.READINGS
            && VigilSerdes.reading()
                .decode(s.rec().value())
                .equals(VigilSerdes.reading().decode(raw))) {
          return s;
        }
      } catch (RuntimeException notAReading) {
        // this case's record is no reading
      }
    }
    return null;
  }

  /** What is wrong with a dead letter's copy of the raw record, or null when it is complete. */
  private static String checkRaw(DeadLetter l, Sent s) {
    if (l.getSourceTopic().endsWith("-repartition")) {
      return null; // re-encoded after decoding; matched by its decoded value
    }
    byte[] key = l.getRawKey() == null ? null : bytes(l.getRawKey());
    if (!Arrays.equals(key, s.rec().key())) {
      return "raw key differs";
    }
    boolean reEncoded =
        l.getErrorKind() == DeadLetterReason.DUPLICATE || l.getErrorKind() == DeadLetterReason.LATE;
    byte[] value = l.getRawValue() == null ? null : bytes(l.getRawValue());
    // A record too large to be kept whole in a dead letter keeps its key only.
    byte[] expected =
        size(s.rec().key()) + size(s.rec().value()) > DeadLetters.MAX_RAW_BYTES
            ? null
            : s.rec().value();
    if (!reEncoded && !Arrays.equals(value, expected)) {
      return "raw value differs ("
          + (value == null ? "null" : value.length + " bytes")
          + " for "
          + (s.rec().value() == null ? "null" : s.rec().value().length + " bytes")
          + ")";
    }
    return null;
  }

  /** The names ({@code device@end}) of the windows of a device whose last frame is at most step. */
  private static List<String> windows(String device, int lastReleasedStep) {
    List<String> out = new ArrayList<>();
    for (int end = W - 1; end <= lastReleasedStep; end += S) {
      out.add(device + "@" + BadInputCorpus.time(end));
    }
    return out;
  }

  private static boolean covers(WindowScore w, int step) {
    Instant t = BadInputCorpus.time(step);
    return !t.isBefore(w.getWindowStart()) && !t.isAfter(w.getWindowEnd());
  }

  private static String name(WindowScore s) {
    return s.getDeviceId() + "@" + s.getWindowEnd();
  }

  private static Set<String> names(List<WindowScore> scores) {
    return scores.stream().map(BadInputCorpusIT::name).collect(Collectors.toSet());
  }

  private static List<String> sortedNames(List<WindowScore> scores) {
    return scores.stream().map(BadInputCorpusIT::name).sorted().toList();
  }

  private static Map<DeadLetterReason, Long> countsByReason(VigilApp app) {
    Map<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
    for (DeadLetterReason r : DeadLetterReason.values()) {
      long n = (long) app.metrics().deadLetterCount(r);
      if (n > 0) {
        out.put(r, n);
      }
    }
    return out;
  }

  private static Map<DeadLetterReason, Long> reasons(List<DeadLetter> letters) {
    Map<DeadLetterReason, Long> out = new EnumMap<>(DeadLetterReason.class);
    letters.forEach(l -> out.merge(l.getErrorKind(), 1L, Long::sum));
    return out;
  }

  private static String describe(DeadLetter l) {
    String message = l.getErrorMessage();
    return String.format(
        Locale.ROOT,
        "%s from %s-%d@%d (device %s): %s",
        l.getErrorKind(),
        l.getSourceTopic(),
        l.getSourcePartition(),
        l.getSourceOffset(),
        l.getDeviceId() == null ? null : abbreviate(l.getDeviceId()),
        abbreviate(message));
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  private static String diagnostics(VigilApp... apps) {
    StringBuilder b = new StringBuilder();
    for (VigilApp app : apps) {
      b.append(
          String.format(
              Locale.ROOT,
              "[state %s, changes %s, threads replaced %.0f, processing failures %.0f] ",
              app.state(),
              app.stateChanges(),
              app.metrics().streamThreadReplacedCount(),
              app.metrics().deadLetterCount(DeadLetterReason.PROCESSING_FAILED)));
    }
    return b.toString();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static int size(byte[] b) {
    return b == null ? 0 : b.length;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return b;
  }

  /** Lets {@code topic} hold records of up to {@code bytes}. */
  private static void allowRecordsOf(String bootstrap, String topic, int bytes) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .incrementalAlterConfigs(
              Map.of(
                  new ConfigResource(ConfigResource.Type.TOPIC, topic),
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry(
                              TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
    }
  }

  /** Reads a topic from its beginning, read_committed, a bounded poll at a time. */
  private static final class Tail<V> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<V> deserializer;
    private final String topic;
    private final List<V> values = new ArrayList<>();

    Tail(String bootstrap, String topic, Deserializer<V> deserializer) {
      Map<String, Object> props = new HashMap<>();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      this.consumer =
          new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      this.deserializer = deserializer;
      this.topic = topic;
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    void poll() {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
        values.add(deserializer.deserialize(topic, r.value()));
      }
    }

    List<V> values() {
      return values;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
