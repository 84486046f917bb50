package io.vigil.app.web;

import io.javalin.http.Context;
import io.vigil.app.detect.DetectProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a device's state lives when several instances share the work: Kafka Streams' metadata names
 * the instance ({@code application.server}) that holds each device, and a request for a device held
 * elsewhere is forwarded there once. A forwarded request carries {@value #FORWARDED}, and is
 * answered locally whatever the metadata says, so stale metadata during a rebalance cannot make two
 * instances bounce it between them.
 */
final class InstanceRouter {
  static final String FORWARDED = "X-Vigil-Forwarded";

  private static final int ATTEMPTS = 20;

  private final KafkaStreams streams;
  private final HostInfo self;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  InstanceRouter(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  /** Whether the request was forwarded by another instance. */
  static boolean forwarded(Context ctx) {
    return ctx.header(FORWARDED) != null;
  }

  /**
   * The instance that holds a device, when it is another one. Retries while the metadata is not
   * available (a rebalance); answers empty (serve locally) when it stays so.
   */
  Optional<HostInfo> ownerOf(String deviceId) throws InterruptedException {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      KeyQueryMetadata md =
          streams.queryMetadataForKey(
              DetectProcessor.DETECTORS, deviceId, Serdes.String().serializer());
      if (md != null && !md.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
        HostInfo active = md.activeHost();
        return active.equals(self) ? Optional.empty() : Optional.of(active);
      }
      Thread.sleep(100);
    }
    return Optional.empty();
  }

  /** Every other instance of the application. */
  List<HostInfo> others() {
    List<HostInfo> out = new ArrayList<>();
    for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
      if (!m.hostInfo().equals(self) && !out.contains(m.hostInfo())) {
        out.add(m.hostInfo());
      }
    }
    return out;
  }

  /**
   * Sends a request on to another instance, marked as forwarded.
   *
   * @param host the instance
   * @param ctx the request
   * @param query the query string to send (without '?'), or null
   * @return its answer
   */
  HttpResponse<String> forward(HostInfo host, Context ctx, String query) throws Exception {
    URI uri =
        URI.create(
            "http://"
                + host.host()
                + ":"
                + host.port()
                + ctx.path()
                + (query == null || query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header(FORWARDED, "1");
    String auth = ctx.header("Authorization");
    if (auth != null) {
      b.header("Authorization", auth);
    }
    if (ctx.method().name().equals("POST")) {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(ctx.body()));
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      // During a rebalance the metadata can still name an instance that has stopped.
      throw new ApiException(503, "instance " + host + " is unreachable (" + e + "); retry");
    }
  }

  /**
   * Answers a device's request from the instance holding the device: forwards it when that is
   * another one and copies the answer.
   *
   * @return true when the request was forwarded and answered
   */
  boolean routeToOwner(Context ctx, String deviceId) throws Exception {
    if (forwarded(ctx)) {
      return false;
    }
    Optional<HostInfo> owner = ownerOf(deviceId);
    if (owner.isEmpty()) {
      return false;
    }
    HttpResponse<String> r = forward(owner.get(), ctx, ctx.queryString());
    if (r.statusCode() >= 500) {
      // A store still moving there, or a server stopping (whose 503 may not even be JSON): this
      // instance's own 503, with its Retry-After, as the requests gathered from every instance get.
      throw new ApiException(
          503, "instance " + owner.get() + " answered " + r.statusCode() + "; retry");
    }
    ctx.status(r.statusCode())
        .contentType(r.headers().firstValue("Content-Type").orElse("application/json"))
        .result(r.body());
    return true;
  }
}
