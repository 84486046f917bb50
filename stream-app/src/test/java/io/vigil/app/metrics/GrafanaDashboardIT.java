package io.vigil.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.schemas.serde.VigilSerdes;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard of the compose stack ({@code docker/grafana/dashboards/vigil.json}) queries
 * only metrics that a running Vigil serves on {@code /metrics}; the events counter it draws counts
 * exactly the events the anomalies topic holds.
 */
@WithKafka
class GrafanaDashboardIT {
  private static final Path DASHBOARD =
      Path.of("..", "docker", "grafana", "dashboards", "vigil.json");
  private static final Pattern METRIC = Pattern.compile("\\bvigil_[a-z_]+");
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyMetricTheDashboardQueriesIsServed(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.get("targets")) {
        Matcher m = METRIC.matcher(target.get("expr").asText());
        while (m.find()) {
          queried.add(m.group());
        }
      }
    }
    assertThat(queried)
        .contains(
            "vigil_frames_total",
            "vigil_input_lag_records",
            "vigil_inference_latency_seconds_bucket",
            "vigil_inference_batch_size_bucket",
            "vigil_dead_letters_total",
            "vigil_episodes_open",
            "vigil_events_total",
            "vigil_inference_wait_seconds_total");

    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "grafana.",
            "grafana",
            dir.resolve("state"),
            TestModels.small(dir),
            Map.of());
    TopicCatalogue topics = Pipelines.createTopics(config, 2);
    VigilMetrics metrics;
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      metrics = app.metrics();
      Pipelines.publish(config, topics, TestFleets.withJump(2, 3, 0, 900, "device-000", 700, 760));
      Pipelines.awaitCommitted(config, topics.frames().name(), 1800, Duration.ofMinutes(1));
      String base = "http://127.0.0.1:" + app.dashboard().port();
      get(base + "/health/live");
      String scrape = get(base + "/metrics");
      for (String name : queried) {
        assertThat(scrape).as("/metrics serves %s", name).containsPattern("(?m)^" + name + "[{ ]");
      }
    }
    // Closed: every event the counter saw is committed to the anomalies topic, and no other.
    long opens =
        Pipelines.readAll(
                kafka.bootstrapServers(),
                topics.anomalies().name(),
                new StringDeserializer(),
                VigilSerdes.anomalyEvent().deserializer())
            .stream()
            .map(r -> r.value())
            .filter(e -> e.getKind() == EpisodeEventKind.OPEN)
            .count();
    assertThat(opens).isPositive();
    assertThat(metrics.eventCount(EpisodeEventKind.OPEN)).isEqualTo((double) opens);
  }

  private String get(String url) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }
}
