package io.vigil.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.app.VigilApp;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.simulate.SimulatedFrame;
import io.vigil.simulate.SimulatorSettings;
import io.vigil.testkit.KafkaCluster;
import io.vigil.testkit.Pipelines;
import io.vigil.testkit.TestFleets;
import io.vigil.testkit.TestModels;
import io.vigil.testkit.WithKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP API on a running application and a real broker: health, metrics, devices,
 * scores and episodes from the stores, a policy previewed and applied with the token (401 without
 * it, 400 naming the field on a bad value), the new version in force, and the live event stream.
 */
@WithKafka
class DashboardApiIT {
  private static final String TOKEN = "test-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theApiAnswersFromTheStoresAndChangesNeedTheToken(KafkaCluster kafka, @TempDir Path dir)
      throws Exception {
    VigilConfig config =
        Pipelines.config(
            kafka.bootstrapServers(),
            "web.",
            "web",
            dir.resolve("state"),
            TestModels.small(dir),
            Map.of("vigil.http.token", TOKEN, "vigil.dashboard.preview.max-scores", "150"));
    TopicCatalogue topics = Pipelines.createTopics(config, 2);
    List<SimulatedFrame> frames = TestFleets.frames(SimulatorSettings.defaults(2, 5), 900);
    // What the HTTP server logs: Javalin's handlers and Jetty underneath.
    List<Logger> serverLoggers =
        List.of(
            (Logger) LoggerFactory.getLogger("io.javalin"),
            (Logger) LoggerFactory.getLogger("org.eclipse.jetty"));
    ListAppender<ILoggingEvent> serverLog = new ListAppender<>();
    serverLog.start();
    serverLoggers.forEach(l -> l.addAppender(serverLog));
    CompletableFuture<Long> rest;
    DashboardServer dashboard;
    try (VigilApp app = VigilApp.start(config, Duration.ofMinutes(2))) {
      dashboard = app.dashboard();
      String base = "http://127.0.0.1:" + dashboard.port();
      // The live stream, opened before the frames arrive.
      BufferedReader sse =
          new BufferedReader(
              new InputStreamReader(
                  http.send(
                          HttpRequest.newBuilder(URI.create(base + "/api/events"))
                              .header("Accept", "text/event-stream")
                              .build(),
                          HttpResponse.BodyHandlers.ofInputStream())
                      .body(),
                  StandardCharsets.UTF_8));
      CompletableFuture<String> firstScore =
          CompletableFuture.supplyAsync(
              () -> sse.lines().filter(l -> l.startsWith("event: score")).findFirst().orElse(""));

      Pipelines.publish(config, topics, frames);
      Pipelines.awaitCommitted(
          config, topics.frames().name(), frames.size(), Duration.ofMinutes(1));
      assertThat(firstScore.get(60, TimeUnit.SECONDS)).isEqualTo("event: score");

      assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(base + "/health/ready").body()).isEqualTo("RUNNING");
      assertThat(get(base + "/metrics").body())
          .contains(
              "vigil_frames_total",
              "vigil_inference_wait_seconds_total",
              "vigil_http_requests_seconds_count{method=\"GET\",route=\"/health/live\",status=\"200\"}");
      assertThat(get(base + "/").body()).contains("<title>Vigil · Fleet</title>");
      assertThat(get(base + "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").statusCode())
          .isEqualTo(200);

      JsonNode devices = json(get(base + "/api/devices?sort=id"));
      assertThat(devices.get("total").asInt()).isEqualTo(2);
      assertThat(devices.get("devices").get(0).get("deviceId").asText()).isEqualTo("device-000");
      assertThat(devices.get("devices").get(0).get("status").asText())
          .isIn("normal", "warming-up", "in-episode");
      JsonNode scores = json(get(base + "/api/devices/device-000/scores"));
      assertThat(scores.get("scores").size()).isGreaterThan(100);
      JsonNode first = scores.get("scores").get(0);
      assertThat(first.get("channelScores").size()).isEqualTo(4);
      assertThat(first.get("threshold").asDouble()).isPositive();
      assertThat(get(base + "/api/devices/nobody").statusCode()).isEqualTo(404);
      // The raw frames of the first window, read back from the frames topic.
      long start = first.get("windowStart").asLong();
      long end = first.get("windowEnd").asLong();
      JsonNode raw =
          json(get(base + "/api/devices/device-000/frames?from=" + start + "&to=" + end));
      assertThat(raw.get("frames").size()).isEqualTo(8); // W=8 frames one second apart
      assertThat(raw.get("frames").get(0).get("channels").size()).isEqualTo(4);
      assertThat(
              get(base + "/api/devices/device-000/frames?from=" + end + "&to=" + start)
                  .statusCode())
          .isEqualTo(400);
      // The same window in detail: values beside the reconstruction, scored again alike.
      JsonNode detail = json(get(base + "/api/devices/device-000/window?end=" + end));
      assertThat(detail.get("channels").size()).isEqualTo(4);
      assertThat(detail.get("channels").get(0).get("values").size()).isEqualTo(8);
      assertThat(detail.get("channels").get(0).get("reconstruction").size()).isEqualTo(8);
      double stored = first.get("score").asDouble();
      assertThat(detail.get("score").asDouble())
          .isCloseTo(stored, Offset.offset(1e-5 * Math.max(1, stored)));

      HttpResponse<String> bad = get(base + "/api/devices?status=sleepy");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(json(bad).get("error").asText())
          .contains("status", "sleepy", "normal, warming-up, in-episode or silent");

      String change =
          "{\"scope\":\"DEVICE\",\"deviceId\":\"device-000\",\"method\":\"EWMA\","
              + "\"parameters\":{\"alpha\":0.02,\"k\":6},\"author\":\"it\",\"comment\":\"quieter\"}";
      assertThat(post(base + "/api/policies", change, null).statusCode()).isEqualTo(401);
      assertThat(post(base + "/api/policies", change, "wrong-token-0123456789").statusCode())
          .isEqualTo(401);
      HttpResponse<String> invalid =
          post(base + "/api/policies", change.replace("\"k\":6", "\"k\":-1"), TOKEN);
      assertThat(invalid.statusCode()).isEqualTo(400);
      assertThat(json(invalid).get("error").asText()).contains("k", "-1");

      // Preview: the proposal and the policy in force on the same stored scores.
      JsonNode preview = json(post(base + "/api/policies/preview", change, null));
      assertThat(preview.get("devices").asInt()).isEqualTo(1);
      // The device has more scores than a preview may judge: its newest 150, said so.
      assertThat(scores.get("scores").size()).isGreaterThan(150);
      assertThat(preview.get("perDevice").get(0).get("proposed").get("time").size()).isEqualTo(150);
      assertThat(preview.get("perDevice").get(0).get("proposed").get("time").get(149).asLong())
          .isEqualTo(
              scores.get("scores").get(scores.get("scores").size() - 1).get("windowEnd").asLong());
      assertThat(preview.get("perDevice").get(0).get("proposed").get("time").get(0).asLong())
          .isEqualTo(
              scores
                  .get("scores")
                  .get(scores.get("scores").size() - 150)
                  .get("windowEnd")
                  .asLong());
      assertThat(preview.get("devicesCut").asInt()).isEqualTo(1);
      assertThat(preview.get("note").asText()).contains("vigil.dashboard.preview.max-scores");
      String never =
          change.replace(
              "\"k\":6}",
              "\"k\":6},\"alertRule\":{\"openWhenExceeded\":1000,\"ofLastWindows\":1000}");
      assertThat(
              json(post(base + "/api/policies/preview", never, null))
                  .get("proposed")
                  .get("episodes")
                  .asInt())
          .isZero();

      HttpResponse<String> applied = post(base + "/api/policies", change, TOKEN);
      assertThat(applied.statusCode()).as(applied.body()).isEqualTo(202);
      assertThat(json(applied).get("version").asInt()).isEqualTo(1);
      JsonNode inForce = awaitPolicy(base, "device:device-000", 1);
      assertThat(inForce.get("parameters").get("k").asDouble()).isEqualTo(6.0);
      assertThat(inForce.get("author").asText()).isEqualTo("it");
      assertThat(inForce.get("comment").asText()).isEqualTo("quieter");

      // A second version, then the first restored in one request: a third version, the first's
      // content, with who and why.
      assertThat(
              post(base + "/api/policies", change.replace("\"k\":6", "\"k\":7"), TOKEN)
                  .statusCode())
          .isEqualTo(202);
      awaitPolicy(base, "device:device-000", 2);
      JsonNode history = json(get(base + "/api/policies/history?scope=device:device-000"));
      assertThat(history.get("history").size()).isEqualTo(2);
      assertThat(history.get("history").get(1).get("parameters").get("k").asDouble())
          .isEqualTo(7.0);
      String id = inForce.get("policyId").asText();
      String restore = "{\"version\":1,\"author\":\"it\",\"comment\":\"back\"}";
      assertThat(post(base + "/api/policies/" + id + "/restore", restore, null).statusCode())
          .isEqualTo(401);
      assertThat(
              post(base + "/api/policies/" + id + "/restore", restore.replace(":1,", ":9,"), TOKEN)
                  .statusCode())
          .isEqualTo(404);
      assertThat(post(base + "/api/policies/" + id + "/restore", restore, TOKEN).statusCode())
          .isEqualTo(202);
      JsonNode restored = awaitPolicy(base, "device:device-000", 3);
      assertThat(restored.get("parameters").get("k").asDouble()).isEqualTo(6.0);
      assertThat(restored.get("comment").asText()).isEqualTo("restores version 1. back");
      // Left open: closing the dashboard ends it. Its handler must have returned by the time
      // close() does: one still running would return into a stopped server, and Javalin would log
      // an uncaught NullPointerException completing a request Jetty had recycled.
      rest = CompletableFuture.supplyAsync(() -> sse.lines().count());
      dashboard.close();
      assertThat(dashboard.openEventStreams()).isZero();
    } finally {
      serverLoggers.forEach(l -> l.detachAppender(serverLog));
      serverLog.stop();
    }
    // The client saw the stream end cleanly, not a connection cut (an IOException here).
    assertThat(rest.get(30, TimeUnit.SECONDS)).isPositive();
    // No exception logged by the server, at shutdown or before (an uncaught one is a WARN with
    // its stack trace).
    assertThat(serverLog.list)
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null)
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
  }

  private JsonNode awaitPolicy(String base, String key, long version) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode p = json(get(base + "/api/policies")).get("inForce").get(key);
      if (p != null && p.get("version").asLong() == version) {
        return p;
      }
    }
    throw new AssertionError("policy " + key + " version " + version + " not in force within 30 s");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
