package io.vigil.app.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application share the devices; each answers for every device, forwarding a
 * device's requests to the instance that holds it and gathering fleet lists from both, also after
 * one of them stops and while it starts again.
 */
@WithKafka
class DashboardInstancesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DEVICES =
      List.of("device-000", "device-001", "device-002", "device-003");
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void eitherInstanceAnswersForEveryDevice(KafkaCluster kafka, @TempDir Path dir) throws Exception {
    Path model = TestModels.small(dir);
    VigilConfig a =
        Pipelines.config(kafka.bootstrapServers(), "multi.", "multi", dir.resolve("a"), model);
    VigilConfig b =
        Pipelines.config(kafka.bootstrapServers(), "multi.", "multi", dir.resolve("b"), model);
    TopicCatalogue topics = Pipelines.createTopics(a, 2);
    List<SimulatedFrame> frames = TestFleets.frames(SimulatorSettings.defaults(4, 8), 300);
    try (VigilApp first = VigilApp.start(a, Duration.ofMinutes(2))) {
      String baseA = "http://127.0.0.1:" + first.dashboard().port();
      try (VigilApp second = VigilApp.start(b, Duration.ofMinutes(2))) {
        String baseB = "http://127.0.0.1:" + second.dashboard().port();
        Pipelines.publish(a, topics, frames);
        Pipelines.awaitCommitted(a, topics.frames().name(), frames.size(), Duration.ofMinutes(1));

        awaitAllDevices(baseA);
        awaitAllDevices(baseB);
        // Each holds part of the fleet: asked as a forwarded request, each answers for its own.
        long localA = json(get(baseA + "/api/devices", true)).get("total").asLong();
        long localB = json(get(baseB + "/api/devices", true)).get("total").asLong();
        assertThat(localA + localB).isEqualTo(DEVICES.size());
        assertThat(localA).isPositive();
        assertThat(localB).isPositive();
        // The episodes list gathers from both: the same from either.
        assertThat(json(get(baseA + "/api/episodes", false)).get("total"))
            .isEqualTo(json(get(baseB + "/api/episodes", false)).get("total"));
      }
      // The second stopped: the first takes its devices over and answers for all.
      awaitAllDevices(baseA);
      try (VigilApp again = VigilApp.start(b, Duration.ofMinutes(2))) {
        awaitAllDevices(baseA);
        awaitAllDevices("http://127.0.0.1:" + again.dashboard().port());
      }
    }
  }

  /** Polls until the instance lists every device and serves each one's scores. */
  private void awaitAllDevices(String base) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String last = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> list = checkNotReady(get(base + "/api/devices", false));
      last = list.statusCode() + " " + list.body();
      if (list.statusCode() == 200 && json(list).get("total").asInt() == DEVICES.size()) {
        boolean all = true;
        for (String d : DEVICES) {
          HttpResponse<String> scores =
              checkNotReady(get(base + "/api/devices/" + d + "/scores", false));
          all &= scores.statusCode() == 200 && json(scores).get("scores").size() > 0;
        }
        if (all) {
          return;
        }
      }
    }
    throw new AssertionError(base + " did not answer for every device within 60 s: " + last);
  }

  /**
   * While stores move between instances an answer is 200 or a 503 that says to retry, never a
   * server error.
   */
  private static HttpResponse<String> checkNotReady(HttpResponse<String> r) throws Exception {
    if (r.statusCode() != 200) {
      assertThat(r.statusCode()).as("status of %s: %s", r.uri(), r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).as("Retry-After").contains("1");
      // A store still moving, an instance not up yet, or that instance's 503: all this one's.
      assertThat(r.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
      assertThat(json(r).get("error").asText()).endsWith("; retry");
    }
    return r;
  }

  private HttpResponse<String> get(String url, boolean forwarded) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (forwarded) {
      b.header(InstanceRouter.FORWARDED, "1");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }
}
