package io.vigil.app.web;

import io.vigil.app.detect.DetectProcessor;
import io.vigil.app.detect.DeviceSnapshot;
import io.vigil.app.detect.DeviceSummaries;
import io.vigil.app.detect.RecentScores;
import io.vigil.app.policy.PolicyValidatorProcessor;
import io.vigil.app.topology.VigilTopology;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.serde.VigilSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Reads the detection stage's stores for the dashboard, by Kafka Streams interactive queries over
 * the state this instance holds.
 */
final class DashboardQueries {
  private final KafkaStreams streams;
  private final long idleMillis;
  private final DeviceSummaries summaries;

  /**
   * One device's row in the fleet view.
   *
   * @param deviceId the device
   * @param status normal, warming-up, in-episode or silent
   * @param snapshot its detection state
   * @param openEpisode its open episode's latest event, or null
   * @param summary the detection stage's summary of the device (its last score), or null
   * @param alerts24h episodes that started in the 24 hours (event time) before the device's last
   *     judged window: for a live device the last 24 hours, for a replayed one its last day
   */
  record DeviceRow(
      String deviceId,
      String status,
      DeviceSnapshot snapshot,
      AnomalyEvent openEpisode,
      int alerts24h,
      DeviceSummaries.Summary summary) {}

  DashboardQueries(KafkaStreams streams, long idleMillis, DeviceSummaries summaries) {
    this.streams = streams;
    this.idleMillis = idleMillis;
    this.summaries = summaries;
  }

  /**
   * Every device with state on this instance, in no order: from the detection stage's summaries,
   * without decoding any stored state.
   */
  List<DeviceRow> devices(long nowMillis) {
    Map<String, List<AnomalyEvent>> byDevice = episodesByDevice();
    List<DeviceRow> rows = new ArrayList<>();
    for (DeviceSummaries.Summary s : summaries.all()) {
      String id = s.snapshot().deviceId();
      rows.add(row(s.snapshot(), byDevice.getOrDefault(id, List.of()), nowMillis, s));
    }
    return rows;
  }

  /** One device, when this instance holds its state. */
  Optional<DeviceRow> device(String deviceId, long nowMillis) {
    byte[] detector = kv(DetectProcessor.DETECTORS).get(deviceId);
    if (detector == null) {
      return Optional.empty();
    }
    DeviceSnapshot snapshot =
        DeviceSnapshot.of(deviceId, detector, kv(DetectProcessor.HEADS).get(deviceId));
    List<AnomalyEvent> own = new ArrayList<>();
    for (AnomalyEvent e : allEpisodes()) {
      if (e.getDeviceId().equals(deviceId)) {
        own.add(e);
      }
    }
    return Optional.of(row(snapshot, own, nowMillis, summaries.get(deviceId).orElse(null)));
  }

  private DeviceRow row(
      DeviceSnapshot s,
      List<AnomalyEvent> episodes,
      long nowMillis,
      DeviceSummaries.Summary summary) {
    AnomalyEvent open = null;
    int alerts = 0;
    long reference = Math.min(nowMillis, s.lastWindowEnd());
    for (AnomalyEvent e : episodes) {
      if (e.getEndTime() == null) {
        open = e;
      }
      if (e.getStartTime().toEpochMilli() >= reference - 86_400_000L) {
        alerts++;
      }
    }
    String status;
    if (s.lastFrameWallMillis() >= 0 && nowMillis - s.lastFrameWallMillis() >= idleMillis) {
      status = "silent";
    } else if (s.episodeOpen()) {
      status = "in-episode";
    } else if (s.warmingUp()) {
      status = "warming-up";
    } else {
      status = "normal";
    }
    return new DeviceRow(s.deviceId(), status, s, open, alerts, summary);
  }

  /** A device's stored scores with window ends in [from, to], oldest first. */
  List<RecentScores.Stored> scores(String deviceId, Instant from, Instant to) {
    ReadOnlyWindowStore<String, byte[]> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                DetectProcessor.RECENT_SCORES, QueryableStoreTypes.windowStore()));
    List<RecentScores.Stored> out = new ArrayList<>();
    try (WindowStoreIterator<byte[]> it = store.fetch(deviceId, from, to)) {
      while (it.hasNext()) {
        out.add(RecentScores.decode(it.next().value));
      }
    }
    return out;
  }

  /** A device's newest scores, oldest first, and whether older ones in the span were left out. */
  record Newest(List<RecentScores.Stored> scores, boolean cut) {}

  /**
   * The newest scores of a device whose windows end in [from, to], at most {@code limit}, oldest
   * first. Reads from the newest end and decodes only the scores it keeps (and one more, to tell
   * whether any were left out).
   */
  Newest newestScores(String deviceId, Instant from, Instant to, int limit) {
    ReadOnlyWindowStore<String, byte[]> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                DetectProcessor.RECENT_SCORES, QueryableStoreTypes.windowStore()));
    List<RecentScores.Stored> out = new ArrayList<>();
    boolean cut = false;
    try (WindowStoreIterator<byte[]> it = store.backwardFetch(deviceId, from, to)) {
      while (it.hasNext()) {
        byte[] value = it.next().value;
        if (out.size() == limit) {
          cut = true;
          break;
        }
        out.add(RecentScores.decode(value));
      }
    }
    Collections.reverse(out);
    return new Newest(out, cut);
  }

  /** The latest stored score of a device, if any is kept. */
  Optional<RecentScores.Stored> lastScore(String deviceId) {
    ReadOnlyWindowStore<String, byte[]> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                DetectProcessor.RECENT_SCORES, QueryableStoreTypes.windowStore()));
    try (WindowStoreIterator<byte[]> it =
        store.backwardFetch(
            deviceId, Instant.ofEpochMilli(0), Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
      return it.hasNext() ? Optional.of(RecentScores.decode(it.next().value)) : Optional.empty();
    }
  }

  /** The latest event of every episode held here. */
  List<AnomalyEvent> allEpisodes() {
    List<AnomalyEvent> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = kv(DetectProcessor.EPISODES).all()) {
      while (it.hasNext()) {
        try {
          out.add(VigilSerdes.anomalyEvent().decode(it.next().value));
        } catch (RuntimeException e) {
          // an undecodable record is skipped; the stage rewrites it with the next event
        }
      }
    }
    return out;
  }

  private Map<String, List<AnomalyEvent>> episodesByDevice() {
    Map<String, List<AnomalyEvent>> byDevice = new HashMap<>();
    for (AnomalyEvent e : allEpisodes()) {
      byDevice.computeIfAbsent(e.getDeviceId(), d -> new ArrayList<>()).add(e);
    }
    return byDevice;
  }

  /** The policies in force, by scope key ({@code fleet} or {@code device:<id>}). */
  Map<String, ThresholdPolicy> policiesInForce() {
    ReadOnlyKeyValueStore<String, ThresholdPolicy> store =
        streams.store(
            StoreQueryParameters.fromNameAndType(
                VigilTopology.ACTIVE_POLICIES, QueryableStoreTypes.keyValueStore()));
    Map<String, ThresholdPolicy> out = new TreeMap<>();
    try (KeyValueIterator<String, ThresholdPolicy> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, ThresholdPolicy> kv = it.next();
        out.put(kv.key, kv.value);
      }
    }
    return out;
  }

  /** Every accepted policy, by scope and then version, oldest first. */
  List<ThresholdPolicy> policyHistory() {
    List<ThresholdPolicy> out = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = kv(PolicyValidatorProcessor.HISTORY).all()) {
      while (it.hasNext()) {
        try {
          out.add(VigilSerdes.thresholdPolicy().decode(it.next().value));
        } catch (RuntimeException e) {
          // unreadable entries are left out; the validator wrote only valid ones
        }
      }
    }
    return out;
  }

  private ReadOnlyKeyValueStore<String, byte[]> kv(String name) {
    try {
      return streams.store(
          StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    } catch (InvalidStateStoreException e) {
      throw new ApiException(503, notQueryable(e));
    }
  }

  /** The message of a 503 for a store that cannot be queried now (starting, rebalancing). */
  static String notQueryable(InvalidStateStoreException e) {
    return "state is not queryable now (" + e.getMessage() + "); retry";
  }
}
