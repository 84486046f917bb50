package io.vigil.app.topology;

import io.vigil.app.config.ConfigException;
import io.vigil.app.config.DetectionSettings;
import io.vigil.app.config.OutputSettings;
import io.vigil.app.detect.CommitWriteStore;
import io.vigil.app.detect.DetectProcessor;
import io.vigil.app.detect.DeviceSummaries;
import io.vigil.app.detect.LiveFeed;
import io.vigil.app.detect.ScoringModel;
import io.vigil.app.ingest.FrameIngestProcessor;
import io.vigil.app.ingest.MisKeyedFrame;
import io.vigil.app.ingest.ReadingAlignProcessor;
import io.vigil.app.ingest.ReadingIngestProcessor;
import io.vigil.app.ingest.ValueChecks;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.policy.ActivePolicyUpdater;
import io.vigil.app.policy.PolicyValidatorProcessor;
import io.vigil.app.topics.Topic;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.core.window.AlignmentSpec;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.DeadLetter;
import io.vigil.schemas.DenoisedWindow;
import io.vigil.schemas.SensorReading;
import io.vigil.schemas.TelemetryFrame;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.WindowEmbedding;
import io.vigil.schemas.WindowScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds Vigil's topology:
 *
 * <pre>
 * readings (bytes) -> ingest -> repartition by device -> align into frames --+
 * frames (bytes)   -> ingest -> repartition by device if keyed otherwise ----+-> detect -> scores
 *                                                                                      -> anomalies
 *                                                                   (when on)          -> denoised
 *                                                                   (when on)          -> embeddings
 * policies (bytes) -> validate -> policies-active (compacted) -> global store read by detect
 * every stage's refused records -> dead-letter
 * </pre>
 *
 * Inputs are read as bytes and decoded by Vigil's own processors, so a malformed record is
 * dead-lettered with its source position instead of failing the application.
 */
public final class VigilTopology {
  /** The global store of the policies in force. */
  public static final String ACTIVE_POLICIES = "active-policies";

  private VigilTopology() {}

  /**
   * The topology.
   *
   * @param framesPartitions partitions of the frames topic: frames that arrive keyed by something
   *     else than their device are repartitioned into as many
   */
  public static Topology build(
      TopicCatalogue topics,
      ScoringModel model,
      DetectionSettings settings,
      VigilMetrics metrics,
      int framesPartitions) {
    return build(
        topics,
        model,
        settings,
        metrics,
        framesPartitions,
        Duration.ofHours(24),
        LiveFeed.NONE,
        new DeviceSummaries());
  }

  /**
   * The topology, with the dashboard's stores kept for {@code scoreRetention} and its live feed.
   *
   * @param framesPartitions partitions of the frames topic
   * @param scoreRetention how long each device's recent scores are kept
   * @param feed told about every judged window and episode event
   * @param summaries the instance's device summaries, kept up to date by the detection stage
   */
  public static Topology build(
      TopicCatalogue topics,
      ScoringModel model,
      DetectionSettings settings,
      VigilMetrics metrics,
      int framesPartitions,
      Duration scoreRetention,
      LiveFeed feed,
      DeviceSummaries summaries) {
    OutputSettings outputs = topics.outputs();
    checkOutputs(outputs, model);
    StreamsBuilder builder = new StreamsBuilder();
    ValueChecks checks = new ValueChecks(settings.maxFutureSkewMillis());
    Topic<String, ThresholdPolicy> active = topics.activePolicies();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ACTIVE_POLICIES),
                active.keySerde(),
                active.valueSerde())
            .withLoggingDisabled(),
        active.name(),
        Consumed.with(active.keySerde(), active.valueSerde()).withName("active-policies-source"),
        () -> new ActivePolicyUpdater(ACTIVE_POLICIES));
    // Heads and detectors change often (per frame, per batch): the processor keeps them in memory
    // and writes each changed one once, just before a commit (CommitWriteStore), so the changelog
    // gets about one record per device per commit. Ring frames are written by the same hook, eight
    // slots to a record. All three go straight to their stores: each record is written once per
    // commit, so a record cache would only hold it until the flush that follows (in a profile of
    // the latency phase the cache's puts and flushes were a sixth of the commit-time writes).
    builder.addStateStore(
        CommitWriteStore.wrap(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DetectProcessor.HEADS),
                Serdes.String(),
                Serdes.ByteArray())));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(DetectProcessor.FRAMES),
            Serdes.Bytes(),
            Serdes.ByteArray()));
    builder.addStateStore(
        CommitWriteStore.wrap(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DetectProcessor.DETECTORS),
                Serdes.String(),
                Serdes.ByteArray())));
    // The dashboard's: one record per scored window (segments expire whole after the retention),
    // and the latest event of every episode.
    builder.addStateStore(
        Stores.windowStoreBuilder(
            Stores.persistentWindowStore(
                DetectProcessor.RECENT_SCORES, scoreRetention, Duration.ofMillis(1), false),
            Serdes.String(),
            Serdes.ByteArray()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DetectProcessor.EPISODES),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PolicyValidatorProcessor.VERSIONS),
            Serdes.String(),
            Serdes.Long()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(PolicyValidatorProcessor.HISTORY),
            Serdes.String(),
            Serdes.ByteArray()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ReadingAlignProcessor.ALIGNERS),
            Serdes.String(),
            Serdes.ByteArray()));

    KStream<String, Object> ingested =
        builder.stream(
                topics.frames().name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("frames-source"))
            .process(
                () ->
                    new FrameIngestProcessor(
                        topics.frames().valueSerde().deserializer(),
                        metrics,
                        checks,
                        settings.partitioning(),
                        framesPartitions),
                Named.as("ingest-frames"));
    ByType ingestedByType =
        ByType.split(
            ingested, "ingest", TelemetryFrame.class, MisKeyedFrame.class, DeadLetter.class);
    deadLetters(ingestedByType, topics, "ingest");
    KStream<String, TelemetryFrame> direct = ingestedByType.get(TelemetryFrame.class);
    KStream<String, TelemetryFrame> rekeyed =
        ingestedByType
            .get(MisKeyedFrame.class)
            .mapValues(MisKeyedFrame::frame, Named.as("unwrap-mis-keyed"))
            .repartition(
                Repartitioned.with(Serdes.String(), topics.frames().valueSerde())
                    .withName("frames-by-device")
                    .withNumberOfPartitions(framesPartitions));

    KStream<String, Object> readings =
        builder.stream(
                topics.readings().name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("readings-source"))
            .process(
                () -> new ReadingIngestProcessor(metrics, checks), Named.as("ingest-readings"));
    ByType readingsByType =
        ByType.split(readings, "readings", SensorReading.class, DeadLetter.class);
    deadLetters(readingsByType, topics, "readings");
    AlignmentSpec alignment =
        new AlignmentSpec(
            model.featureList(),
            settings.stepMillis(),
            settings.readingToleranceMillis(),
            Math.max(settings.graceMillis(), settings.readingToleranceMillis()));
    KStream<String, Object> aligned =
        readingsByType
            .get(SensorReading.class)
            .repartition(
                Repartitioned.with(Serdes.String(), topics.readings().valueSerde())
                    .withName("readings-by-device")
                    .withNumberOfPartitions(framesPartitions))
            .process(
                () -> new ReadingAlignProcessor(alignment, metrics),
                Named.as("align-readings"),
                ReadingAlignProcessor.ALIGNERS);
    ByType alignedByType = ByType.split(aligned, "align", TelemetryFrame.class, DeadLetter.class);
    deadLetters(alignedByType, topics, "align");
    KStream<String, TelemetryFrame> fromReadings = alignedByType.get(TelemetryFrame.class);

    KStream<String, Object> detected =
        // Frames keyed by device, the bulk, pass one merge node; the others two.
        direct
            .merge(
                rekeyed.merge(fromReadings, Named.as("rekeyed-and-aligned-frames")),
                Named.as("frames-by-device-merged"))
            .process(
                () ->
                    new DetectProcessor(
                        model, metrics, settings, outputs, ACTIVE_POLICIES, feed, summaries),
                Named.as("detect"),
                DetectProcessor.HEADS,
                DetectProcessor.FRAMES,
                DetectProcessor.DETECTORS,
                DetectProcessor.RECENT_SCORES,
                DetectProcessor.EPISODES);
    List<Class<?>> outputTypes =
        new ArrayList<>(List.of(WindowScore.class, AnomalyEvent.class, DeadLetter.class));
    if (outputs.denoised()) {
      outputTypes.add(DenoisedWindow.class);
    }
    if (outputs.embeddings()) {
      outputTypes.add(WindowEmbedding.class);
    }
    ByType detectedByType =
        ByType.split(detected, "detected", outputTypes.toArray(new Class<?>[0]));
    to(detectedByType.get(WindowScore.class), topics.scores());
    to(detectedByType.get(AnomalyEvent.class), topics.anomalies());
    if (outputs.denoised()) {
      to(detectedByType.get(DenoisedWindow.class), topics.denoised());
    }
    if (outputs.embeddings()) {
      to(detectedByType.get(WindowEmbedding.class), topics.embeddings());
    }
    deadLetters(detectedByType, topics, "detect");

    KStream<String, Object> policies =
        builder.stream(
                topics.policies().name(),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("policies-source"))
            .process(
                () -> new PolicyValidatorProcessor(ACTIVE_POLICIES, metrics),
                Named.as("validate-policies"),
                PolicyValidatorProcessor.VERSIONS,
                PolicyValidatorProcessor.HISTORY);
    policies
        .filter((k, v) -> v == null || v instanceof ThresholdPolicy, Named.as("valid-policies"))
        .mapValues(v -> (ThresholdPolicy) v, Named.as("as-policy"))
        .to(
            active.name(),
            Produced.with(active.keySerde(), active.valueSerde()).withName("active-policies-sink"));
    deadLetters(ByType.split(policies, "policies-refused", DeadLetter.class), topics, "policies");
    return builder.build();
  }

  /**
   * Checks that the model can give what the optional outputs need: embeddings need a {@code latent}
   * output.
   *
   * @param outputs the outputs that are on
   * @param model the model
   * @throws ConfigException naming {@code vigil.output.embeddings} and the model when it has none
   */
  public static void checkOutputs(OutputSettings outputs, ScoringModel model) {
    if (outputs.embeddings() && model.onnx().latentSize() == 0) {
      throw new ConfigException(
          "vigil.output.embeddings",
          true,
          "false, or a model with a 'latent' output [batch, L]: model '"
              + model.ref().getId()
              + "' version "
              + model.ref().getVersion()
              + " has none (export it again with this version of Vigil)");
    }
  }

  /**
   * A stream split by the type of its values: one branch node that forwards each record once, to
   * the branch of the first type it is an instance of (records of no listed type are dropped), in
   * place of a filter and a cast per type that every record would pass.
   */
  private static final class ByType {
    private final Map<String, KStream<String, Object>> branches;
    private final String prefix;

    private ByType(Map<String, KStream<String, Object>> branches, String prefix) {
      this.branches = branches;
      this.prefix = prefix;
    }

    static ByType split(KStream<String, Object> stream, String name, Class<?>... types) {
      String prefix = name + "-";
      BranchedKStream<String, Object> split = stream.split(Named.as(prefix));
      for (Class<?> type : types) {
        split = split.branch((k, v) -> type.isInstance(v), Branched.as(type.getSimpleName()));
      }
      return new ByType(split.noDefaultBranch(), prefix);
    }

    /** The branch of one type: its values are all instances of it. */
    @SuppressWarnings("unchecked")
    <T> KStream<String, T> get(Class<T> type) {
      KStream<String, Object> branch = branches.get(prefix + type.getSimpleName());
      if (branch == null) {
        throw new IllegalArgumentException(type.getSimpleName() + " is not a branch of " + prefix);
      }
      return (KStream<String, T>) (KStream<String, ?>) branch;
    }
  }

  private static <V> void to(KStream<String, V> stream, Topic<String, V> topic) {
    stream.to(
        topic.name(),
        Produced.with(topic.keySerde(), topic.valueSerde()).withName(topic.name() + "-sink"));
  }

  private static void deadLetters(ByType stream, TopicCatalogue topics, String stage) {
    Topic<String, DeadLetter> dl = topics.deadLetter();
    stream
        .get(DeadLetter.class)
        .to(
            dl.name(),
            Produced.with(dl.keySerde(), dl.valueSerde()).withName(stage + "-dead-letter-sink"));
  }
}
