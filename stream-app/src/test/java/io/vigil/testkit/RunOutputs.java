package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.WindowScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a run committed to its output topics, in a form two runs can be compared in. */
public final class RunOutputs {
  private RunOutputs() {}

  /** Anomaly events per device, in order, without the fields that name the topic run. */
  public static Map<String, List<String>> events(String bootstrap, TopicCatalogue topics) {
    Map<String, List<String>> byDevice = new TreeMap<>();
    for (var r :
        Pipelines.readAll(
            bootstrap,
            topics.anomalies().name(),
            new StringDeserializer(),
            topics.anomalies().valueSerde().deserializer())) {
      AnomalyEvent e = r.value();
      byDevice
          .computeIfAbsent(e.getDeviceId(), d -> new ArrayList<>())
          .add(
              e.getEpisodeId()
                  + " "
                  + e.getKind()
                  + " "
                  + e.getStartTime()
                  + " "
                  + e.getEndTime()
                  + " "
                  + e.getEventTime());
    }
    return byDevice;
  }

  /** Every scored window, sorted by device and end time. */
  public static List<WindowScore> scores(String bootstrap, TopicCatalogue topics) {
    return Pipelines.readAll(
            bootstrap,
            topics.scores().name(),
            new StringDeserializer(),
            topics.scores().valueSerde().deserializer())
        .stream()
        .map(r -> r.value())
        .sorted(
            Comparator.comparing(WindowScore::getDeviceId).thenComparing(WindowScore::getWindowEnd))
        .toList();
  }

  /**
   * Asserts that two runs scored the same windows, each once, with the same scores and thresholds
   * (within 1e-6: micro-batches differ between runs, and ONNX Runtime's per-row results may differ
   * in the last bits with the batch size) and the same verdicts.
   */
  public static void assertSameScores(List<WindowScore> actual, List<WindowScore> expected) {
    List<String> actualNames = actual.stream().map(RunOutputs::name).toList();
    List<String> expectedNames = expected.stream().map(RunOutputs::name).toList();
    Set<String> missing = new TreeSet<>(expectedNames);
    actualNames.forEach(missing::remove);
    Set<String> extra = new TreeSet<>(actualNames);
    expectedNames.forEach(extra::remove);
    assertThat(actualNames)
        .as("windows missing %s, unexpected %s", missing, extra)
        .doesNotHaveDuplicates()
        .hasSizeGreaterThan(1000)
        .isEqualTo(expectedNames);
    for (int i = 0; i < actual.size(); i++) {
      WindowScore a = actual.get(i);
      WindowScore e = expected.get(i);
      assertThat(a.getScore()).as(name(a)).isCloseTo(e.getScore(), within(1e-6));
      assertThat(a.getThreshold()).as(name(a)).isCloseTo(e.getThreshold(), within(1e-6));
      assertThat(a.getExceeded()).as(name(a)).isEqualTo(e.getExceeded());
    }
  }

  private static String name(WindowScore s) {
    return s.getDeviceId() + "@" + s.getWindowEnd();
  }
}
