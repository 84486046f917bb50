package io.vigil.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.vigil.app.config.VigilConfig;
import io.vigil.app.detect.DeviceSummaries;
import io.vigil.app.detect.RecentScores;
import io.vigil.app.detect.ScoringModel;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.policy.PolicyKey;
import io.vigil.app.topics.TopicCatalogue;
import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.core.engine.PolicyPreview;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.ThresholdPolicy;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's HTTP server: the pages (static files from the jar, uPlot from its webjar), the
 * JSON API over this instance's state, live updates by Server-Sent Events, {@code /metrics} and the
 * health checks. Read-only requests are open on the bound address; every change needs the bearer
 * token, compared in constant time, and a cross-site request is refused.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  /** The longest {@link #close()} waits for the live event streams to end. */
  static final Duration STREAMS_END_TIMEOUT = Duration.ofSeconds(5);

  /** The configuration; the dashboard's settings (preview cap, token) are read from it. */
  private final VigilConfig config;

  private final KafkaStreams streams;
  private final ScoringModel model;
  private final VigilMetrics metrics;
  private final LiveEvents live;
  private final DashboardQueries queries;
  private final InstanceRouter router;
  private final TopicCatalogue topics;
  private final byte[] tokenDigest;
  private final Supplier<Long> clock;
  private KafkaProducer<String, byte[]> producer;
  private final Javalin app;

  /** Guards {@link #openStreams}; {@link #close()} waits on it for the event streams to end. */
  private final Object streamsLock = new Object();

  private int openStreams;
  private volatile boolean closing;

  /**
   * Starts the server.
   *
   * @param config the application's configuration (its dashboard settings, topics, cluster)
   * @param streams the running application, for interactive queries and readiness
   * @param model the model, for previews and the policy defaults
   * @param metrics the pipeline's metrics, served at {@code /metrics}
   * @param live the feed the detection stage tells
   * @param summaries the detection stage's device summaries, for the fleet list
   * @param token the bearer token for changes
   */
  public DashboardServer(
      VigilConfig config,
      KafkaStreams streams,
      ScoringModel model,
      VigilMetrics metrics,
      LiveEvents live,
      DeviceSummaries summaries,
      String token) {
    this.config = config;
    this.streams = streams;
    this.model = model;
    this.metrics = metrics;
    this.live = live;
    this.queries = new DashboardQueries(streams, config.detection().idleCloseMillis(), summaries);
    this.router =
        new InstanceRouter(
            streams, new HostInfo(config.dashboard().reachableHost(), config.dashboard().port()));
    this.topics = TopicCatalogue.of(config.topics(), config.inputFormat());
    this.tokenDigest = sha256(token);
    this.clock = System::currentTimeMillis;
    this.app =
        Javalin.create(
            c -> {
              c.jetty.host = config.dashboard().host();
              c.jetty.port = config.dashboard().port();
              c.staticFiles.add("/web", Location.CLASSPATH);
              c.staticFiles.enableWebjars();
              c.requestLogger.http(
                  (ctx, millis) -> {
                    String route;
                    try {
                      route = ctx.endpoint().path;
                    } catch (RuntimeException e) {
                      route = "static";
                    }
                    metrics.httpRequest(ctx.method().name(), route, ctx.statusCode(), millis);
                  });
              c.routes.exception(
                  ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
              // A store can move while a query runs (a rebalance: an instance joined, left or
              // restarted). That is a moment to retry, not a server error with a stack trace.
              c.routes.exception(
                  InvalidStateStoreException.class,
                  (e, ctx) -> {
                    LOG.debug("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                    error(ctx, 503, DashboardQueries.notQueryable(e));
                  });
              c.routes.get("/health/live", ctx -> ctx.result("ok"));
              c.routes.get("/health/ready", this::ready);
              c.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(metrics.scrape()));
              c.routes.get("/api/devices", this::devices);
              c.routes.get("/api/devices/{id}", this::device);
              c.routes.get("/api/devices/{id}/scores", this::scores);
              c.routes.get("/api/devices/{id}/frames", this::frames);
              c.routes.get("/api/devices/{id}/window", this::window);
              c.routes.get("/api/episodes", this::episodes);
              c.routes.get("/api/policies", this::policies);
              c.routes.get("/api/policies/history", this::history);
              c.routes.post("/api/policies/preview", this::preview);
              c.routes.post("/api/policies/{id}/restore", this::restore);
              c.routes.post("/api/policies", this::apply);
              c.routes.sse("/api/events", this::events);
            });
    app.start();
    LOG.info(
        "dashboard on http://{}:{}/ (changes need the bearer token)",
        config.dashboard().host(),
        app.port());
  }

  /**
   * Returns the port the server listens on.
   *
   * @return the port (the chosen one when configured as 0)
   */
  public int port() {
    return app.port();
  }

  /**
   * Makes a token when none is configured: 24 random bytes, URL-safe Base64.
   *
   * @return the token
   */
  public static String generateToken() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * Returns the live feed for a new server.
   *
   * @return a feed to give the topology
   */
  public static LiveEvents newFeed() {
    return new LiveEvents();
  }

  private void ready(Context ctx) {
    KafkaStreams.State state = streams.state();
    ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503).result(state.name());
  }

  /**
   * A page of devices. With several instances, each returns its first {@code offset + limit} rows
   * in the requested order (and its total), and the instance asked merges them.
   */
  private void devices(Context ctx) throws Exception {
    long now = clock.get();
    boolean forwarded = InstanceRouter.forwarded(ctx);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", 100, 1, forwarded ? Integer.MAX_VALUE : 1000);
    String status = ctx.queryParam("status");
    String q = ctx.queryParam("q");
    String sort = Optional.ofNullable(ctx.queryParam("sort")).orElse("id");
    if (status != null
        && !List.of("normal", "warming-up", "in-episode", "silent").contains(status)) {
      throw ApiException.badRequest(
          "status", "'" + status + "'", "normal, warming-up, in-episode or silent");
    }
    Comparator<JsonNode> byId = Comparator.comparing(n -> n.get("deviceId").asText());
    Comparator<JsonNode> order =
        switch (sort) {
          case "id" -> byId;
          case "status" ->
              Comparator.comparing((JsonNode n) -> n.get("status").asText()).thenComparing(byId);
          case "alerts" ->
              Comparator.comparing((JsonNode n) -> -n.get("alerts24h").asInt()).thenComparing(byId);
          default ->
              throw ApiException.badRequest("sort", "'" + sort + "'", "id, status or alerts");
        };
    List<DashboardQueries.DeviceRow> mine = new ArrayList<>();
    for (DashboardQueries.DeviceRow r : queries.devices(now)) {
      if ((status == null || status.equals(r.status()))
          && (q == null
              || r.deviceId().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)))) {
        mine.add(r);
      }
    }
    // Rows come from the detection stage's summaries: nothing is decoded per request.
    List<ObjectNode> rows = new ArrayList<>();
    for (DashboardQueries.DeviceRow r : mine) {
      rows.add(Views.device(r, null));
    }
    rows.sort(order);
    int wanted = (int) Math.min(rows.size(), (long) offset + limit);
    List<JsonNode> merged = new ArrayList<>(rows.subList(0, wanted));
    long total = rows.size();
    if (!forwarded) {
      for (HostInfo other : router.others()) {
        StringBuilder query = new StringBuilder("offset=0&limit=" + Math.max(1, offset + limit));
        query.append("&sort=").append(sort);
        if (status != null) {
          query.append("&status=").append(status);
        }
        if (q != null) {
          query.append("&q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = router.forward(other, ctx, query.toString());
        if (r.statusCode() != 200) {
          throw new ApiException(
              503, "instance " + other + " answered " + r.statusCode() + "; retry");
        }
        JsonNode page = Json.parse(r.body());
        total += page.get("total").asLong();
        page.get("devices").forEach(merged::add);
      }
      merged.sort(order);
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("total", total);
    out.put("offset", offset);
    out.put("limit", limit);
    ArrayNode items = out.putArray("devices");
    int from = forwarded ? 0 : offset;
    for (int i = from; i < Math.min(merged.size(), from + (forwarded ? wanted : limit)); i++) {
      items.add(merged.get(i));
    }
    json(ctx, out);
  }

  private void device(Context ctx) throws Exception {
    String id = ctx.pathParam("id");
    if (router.routeToOwner(ctx, id)) {
      return;
    }
    long now = clock.get();
    DashboardQueries.DeviceRow r =
        queries
            .device(id, now)
            .orElseThrow(() -> new ApiException(404, "device '" + id + "' has no state here"));
    ObjectNode out = Views.device(r, queries.lastScore(id).orElse(null));
    out.putPOJO("channels", model.featureList());
    json(ctx, out);
  }

  private void scores(Context ctx) throws Exception {
    String id = ctx.pathParam("id");
    if (router.routeToOwner(ctx, id)) {
      return;
    }
    Instant to = instantParam(ctx, "to", Instant.ofEpochMilli(Long.MAX_VALUE / 2));
    Instant from = instantParam(ctx, "from", Instant.EPOCH);
    if (from.isAfter(to)) {
      throw ApiException.badRequest("from", from, "not after to (" + to + ")");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("deviceId", id);
    ArrayNode items = out.putArray("scores");
    for (RecentScores.Stored s : queries.scores(id, from, to)) {
      items.add(Views.score(s, model.featureList()));
    }
    json(ctx, out);
  }

  /** One window in detail: channel values beside their reconstruction, and channel shares. */
  private void window(Context ctx) throws Exception {
    String id = ctx.pathParam("id");
    if (router.routeToOwner(ctx, id)) {
      return;
    }
    Instant end = instantParam(ctx, "end", null);
    if (end == null) {
      throw ApiException.badRequest("end", null, "the window's end time");
    }
    List<RecentScores.Stored> stored = queries.scores(id, end, end);
    if (stored.isEmpty()) {
      throw new ApiException(
          404, "device '" + id + "' has no stored window ending at " + end + " here");
    }
    json(ctx, WindowDetail.of(config, topics.frames(), model, id, stored.get(0)));
  }

  /** The device's raw frames in [from, to], from the frames topic (any instance can read it). */
  private void frames(Context ctx) {
    String id = ctx.pathParam("id");
    Instant from = instantParam(ctx, "from", null);
    Instant to = instantParam(ctx, "to", null);
    if (from == null || to == null) {
      throw ApiException.badRequest("from/to", ctx.queryString(), "both bounds of the time range");
    }
    if (from.isAfter(to) || Duration.between(from, to).toHours() > 24) {
      throw ApiException.badRequest(
          "from/to", from + ".." + to, "a range of at most 24 hours, from not after to");
    }
    json(ctx, RawFrames.read(config, topics.frames(), id, from, to));
  }

  private void episodes(Context ctx) throws Exception {
    String device = ctx.queryParam("device");
    String severity = ctx.queryParam("severity");
    String state = ctx.queryParam("state");
    if (state != null && !state.equals("open") && !state.equals("closed")) {
      throw ApiException.badRequest("state", "'" + state + "'", "open or closed");
    }
    if (severity != null
        && !List.of("LOW", "MEDIUM", "HIGH", "CRITICAL")
            .contains(severity.toUpperCase(Locale.ROOT))) {
      throw ApiException.badRequest(
          "severity", "'" + severity + "'", "LOW, MEDIUM, HIGH or CRITICAL");
    }
    Instant from = instantParam(ctx, "from", Instant.EPOCH);
    Instant to = instantParam(ctx, "to", Instant.ofEpochMilli(Long.MAX_VALUE / 2));
    List<AnomalyEvent> selected = new ArrayList<>();
    for (AnomalyEvent e : queries.allEpisodes()) {
      boolean open = e.getEndTime() == null;
      if ((device == null || device.equals(e.getDeviceId()))
          && (severity == null || e.getSeverity().name().equalsIgnoreCase(severity))
          && (state == null || open == state.equals("open"))
          && !e.getStartTime().isBefore(from)
          && !e.getStartTime().isAfter(to)) {
        selected.add(e);
      }
    }
    List<JsonNode> all = new ArrayList<>();
    selected.forEach(e -> all.add(Views.event(e)));
    if (!InstanceRouter.forwarded(ctx)) {
      for (HostInfo other : router.others()) {
        HttpResponse<String> r = router.forward(other, ctx, ctx.queryString());
        if (r.statusCode() != 200) {
          throw new ApiException(
              503, "instance " + other + " answered " + r.statusCode() + "; retry");
        }
        Json.parse(r.body()).get("episodes").forEach(all::add);
      }
    }
    all.sort(Comparator.comparing((JsonNode n) -> -n.get("startTime").asLong()));
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("total", all.size());
    ArrayNode items = out.putArray("episodes");
    all.stream().limit(InstanceRouter.forwarded(ctx) ? Long.MAX_VALUE : 1000).forEach(items::add);
    json(ctx, out);
  }

  private void policies(Context ctx) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode inForce = out.putObject("inForce");
    queries.policiesInForce().forEach((k, p) -> inForce.set(k, PolicyRequests.toJson(p)));
    out.set(
        "builtIn",
        PolicyRequests.toJson(
            PolicyRequests.fromCore(
                DetectionDefaults.policy(
                    model.metadata().suggestedThreshold(),
                    model.metadata().window(),
                    model.metadata().stride()))));
    json(ctx, out);
  }

  /** Every accepted version of every scope's policy, with who, when and why. */
  private void history(Context ctx) {
    String scope = ctx.queryParam("scope");
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode items = out.putArray("history");
    for (ThresholdPolicy p : queries.policyHistory()) {
      if (scope == null || scope.equals(PolicyKey.of(p))) {
        ObjectNode n = PolicyRequests.toJson(p);
        n.put("scopeKey", PolicyKey.of(p));
        items.add(n);
      }
    }
    json(ctx, out);
  }

  /** Publishes an earlier version's content as the scope's next version; needs the token. */
  private void restore(Context ctx) throws Exception {
    authorize(ctx);
    String id = ctx.pathParam("id");
    JsonNode body = Json.parse(ctx.body());
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body", body, "a JSON object with version and author");
    }
    JsonNode v = body.get("version");
    if (v == null || !v.isIntegralNumber()) {
      throw ApiException.badRequest("version", v, "the whole-number version to restore");
    }
    ThresholdPolicy old = null;
    for (ThresholdPolicy p : queries.policyHistory()) {
      if (p.getPolicyId().equals(id) && p.getVersion() == v.longValue()) {
        old = p;
      }
    }
    if (old == null) {
      throw new ApiException(
          404, "policy '" + id + "' has no accepted version " + v.longValue() + " in the history");
    }
    String author =
        body.has("author") && body.get("author").isTextual() ? body.get("author").asText() : null;
    if (author == null || author.isBlank() || author.length() > 256) {
      throw ApiException.badRequest("author", author, "who makes the change, 1-256 chars");
    }
    String key = PolicyKey.of(old);
    ThresholdPolicy current = queries.policiesInForce().get(key);
    String why =
        body.has("comment") && body.get("comment").isTextual() ? body.get("comment").asText() : "";
    ThresholdPolicy restored =
        ThresholdPolicy.newBuilder(old)
            .setVersion((current == null ? old.getVersion() : current.getVersion()) + 1)
            .setAuthor(author)
            .setComment(("restores version " + old.getVersion() + ". " + why).trim())
            .setCreatedAt(Instant.ofEpochMilli(clock.get()))
            .build();
    PolicyRequests.check(restored, model.metadata().suggestedThreshold());
    publish(key, restored);
    ctx.status(202);
    json(ctx, PolicyRequests.toJson(restored));
  }

  /** Runs a proposed policy, and the one in force, over the scope's recent scores. */
  private void preview(Context ctx) throws Exception {
    JsonNode body = Json.parse(ctx.body());
    if (body != null
        && body.isObject()
        && body.path("scope").asText("FLEET").equalsIgnoreCase("DEVICE")
        && body.path("deviceId").isTextual()
        && router.routeToOwner(ctx, body.get("deviceId").asText())) {
      return;
    }
    Map<String, ThresholdPolicy> inForce = queries.policiesInForce();
    String key = PolicyRequests.scopeKey(body);
    ThresholdPolicy proposed = build(body, inForce, key);
    DetectionPolicy proposedPolicy =
        PolicyRequests.check(proposed, model.metadata().suggestedThreshold());
    List<String> devices = new ArrayList<>();
    long now = clock.get();
    if (key.equals(PolicyKey.FLEET)) {
      queries.devices(now).forEach(r -> devices.add(r.deviceId()));
    } else {
      devices.add(body.get("deviceId").asText());
    }
    long span = config.dashboard().scoreRetentionMillis();
    if (body.has("spanHours")) {
      JsonNode h = body.get("spanHours");
      if (!h.isNumber() || h.doubleValue() <= 0) {
        throw ApiException.badRequest("spanHours", h, "a positive number of hours");
      }
      span = Math.min(span, (long) (h.doubleValue() * 3_600_000));
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("scope", key);
    out.put("devices", devices.size());
    Totals proposedTotals = new Totals();
    Totals currentTotals = new Totals();
    ArrayNode perDevice = out.putArray("perDevice");
    int limit = config.dashboard().previewMaxScores();
    int cut = 0;
    for (String device : devices) {
      // The newest scores are the ones a policy would meet next.
      DashboardQueries.Newest newest = recentScores(device, span, limit);
      if (newest.scores().isEmpty()) {
        continue;
      }
      if (newest.cut()) {
        cut++;
      }
      List<PolicyPreview.StoredScore> scores = new ArrayList<>(newest.scores().size());
      for (RecentScores.Stored s : newest.scores()) {
        scores.add(
            new PolicyPreview.StoredScore(
                s.startTime(), s.endTime(), s.score(), s.channelScores()));
      }
      DetectionPolicy current = policyInForce(inForce, device);
      PolicyPreview.DeviceResult c =
          PolicyPreview.run(device, current, model.featureList(), scores);
      // A fleet policy does not reach a device with a policy of its own: both sides are the same.
      boolean ownPolicy =
          key.equals(PolicyKey.FLEET) && inForce.containsKey(PolicyKey.device(device));
      PolicyPreview.DeviceResult p =
          ownPolicy ? c : PolicyPreview.run(device, proposedPolicy, model.featureList(), scores);
      double days =
          Math.max(
              1e-9,
              (scores.get(scores.size() - 1).endTime() - scores.get(0).endTime()) / 86_400_000.0);
      proposedTotals.add(p, days);
      currentTotals.add(c, days);
      boolean points = devices.size() == 1;
      ObjectNode d = perDevice.addObject();
      d.put("deviceId", device);
      d.put("ownPolicy", ownPolicy);
      d.set("proposed", Views.preview(p, points));
      d.set("inForce", Views.preview(c, points));
    }
    if (key.equals(PolicyKey.FLEET) && !InstanceRouter.forwarded(ctx)) {
      // The other instances judge the devices they hold.
      for (HostInfo other : router.others()) {
        HttpResponse<String> r = router.forward(other, ctx, null);
        if (r.statusCode() != 200) {
          throw new ApiException(
              503, "instance " + other + " answered " + r.statusCode() + "; retry");
        }
        JsonNode theirs = Json.parse(r.body());
        proposedTotals.add(theirs.get("proposed"));
        currentTotals.add(theirs.get("inForce"));
        theirs.get("perDevice").forEach(perDevice::add);
        out.put("devices", out.get("devices").asInt() + theirs.get("devices").asInt());
        cut += theirs.path("devicesCut").asInt();
      }
    }
    out.set("proposed", proposedTotals.json());
    out.set("inForce", currentTotals.json());
    out.put("devicesCut", cut);
    out.put(
        "note",
        cut == 0
            ? null
            : String.format(
                Locale.ROOT,
                "%d device(s) had more than %d scores in the span; only their newest %d were"
                    + " judged (vigil.dashboard.preview.max-scores)",
                cut,
                limit,
                limit));
    double maxRate = config.dashboard().previewMaxAlertsPerDay();
    double rate = proposedTotals.perDeviceDay();
    out.put(
        "warning",
        rate > maxRate
            ? String.format(
                Locale.ROOT,
                "this policy would have raised %.1f episodes per device-day, above the configured"
                    + " %.1f (vigil.dashboard.preview.max-alerts-per-day)",
                rate,
                maxRate)
            : null);
    out.set("policy", PolicyRequests.toJson(proposed));
    json(ctx, out);
  }

  /** Episodes and events over device-days, for one side of a preview. */
  private static final class Totals {
    long episodes;
    long events;
    double deviceDays;

    void add(PolicyPreview.DeviceResult r, double days) {
      episodes += r.episodes().size();
      events += r.events();
      deviceDays += days;
    }

    void add(JsonNode other) {
      episodes += other.get("episodes").asLong();
      events += other.get("events").asLong();
      deviceDays += other.get("deviceDays").asDouble();
    }

    double perDeviceDay() {
      return deviceDays > 0 ? episodes / deviceDays : 0;
    }

    ObjectNode json() {
      ObjectNode n = Json.MAPPER.createObjectNode();
      n.put("episodes", episodes);
      n.put("events", events);
      n.put("deviceDays", deviceDays);
      n.put("episodesPerDeviceDay", perDeviceDay());
      return n;
    }
  }

  /** A device's newest scores within {@code span} of its last one, at most {@code limit}. */
  private DashboardQueries.Newest recentScores(String device, long span, int limit) {
    Optional<RecentScores.Stored> last = queries.lastScore(device);
    if (last.isEmpty()) {
      return new DashboardQueries.Newest(List.of(), false);
    }
    long to = last.get().endTime();
    return queries.newestScores(
        device, Instant.ofEpochMilli(to - span), Instant.ofEpochMilli(to), limit);
  }

  private DetectionPolicy policyInForce(Map<String, ThresholdPolicy> inForce, String device) {
    ThresholdPolicy own = inForce.get(PolicyKey.device(device));
    ThresholdPolicy fleet = inForce.get(PolicyKey.FLEET);
    ThresholdPolicy p = own != null ? own : fleet;
    if (p == null) {
      return DetectionDefaults.policy(
          model.metadata().suggestedThreshold(),
          model.metadata().window(),
          model.metadata().stride());
    }
    return PolicyRequests.check(p, model.metadata().suggestedThreshold());
  }

  private ThresholdPolicy build(JsonNode body, Map<String, ThresholdPolicy> inForce, String key) {
    if (body != null && body.isObject() && !body.has("author")) {
      // A preview needs no author; a placeholder passes validation.
      ((ObjectNode) body).put("author", "preview");
    }
    return PolicyRequests.build(
        body,
        inForce.get(key),
        inForce.get(PolicyKey.FLEET),
        model.metadata().suggestedThreshold(),
        model.metadata().window(),
        model.metadata().stride(),
        Instant.ofEpochMilli(clock.get()));
  }

  /** Publishes a policy to the control topic; needs the token. */
  private void apply(Context ctx) throws Exception {
    authorize(ctx);
    JsonNode body = Json.parse(ctx.body());
    if (body == null || !body.isObject() || !body.has("author")) {
      throw ApiException.badRequest("author", null, "who makes the change, 1-256 chars");
    }
    Map<String, ThresholdPolicy> inForce = queries.policiesInForce();
    String key = PolicyRequests.scopeKey(body);
    ThresholdPolicy policy = build(body, inForce, key);
    publish(key, policy);
    LOG.info(
        "policy {} version {} for {} published by '{}' from the dashboard",
        policy.getPolicyId(),
        policy.getVersion(),
        key,
        policy.getAuthor());
    ctx.status(202);
    json(ctx, PolicyRequests.toJson(policy));
  }

  private void publish(String key, ThresholdPolicy policy) throws Exception {
    producer()
        .send(
            new ProducerRecord<>(
                topics.policies().name(),
                key,
                topics
                    .policies()
                    .valueSerde()
                    .serializer()
                    .serialize(topics.policies().name(), policy)))
        .get();
  }

  private synchronized KafkaProducer<String, byte[]> producer() {
    if (producer == null) {
      Map<String, Object> props = new HashMap<>(config.kafka());
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
    return producer;
  }

  private void events(SseClient client) {
    synchronized (streamsLock) {
      if (closing) {
        client.close();
        return;
      }
      openStreams++;
    }
    String device = client.ctx().queryParam("device");
    LiveEvents.Subscription s = live.subscribe(device);
    client.keepAlive();
    client.onClose(() -> live.unsubscribe(s));
    try {
      while (!client.terminated() && !closing) {
        String[] message = s.next(1000);
        if (closing) {
          // Woken by close(): no further write, which could block on a client not reading.
          break;
        }
        if (message == null) {
          client.sendComment("keep-alive");
        } else {
          client.sendEvent(message[0], message[1]);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The client went away between two messages: nothing to report.
      LOG.debug("event stream to {} ended: {}", client.ctx().ip(), e.toString());
    } finally {
      live.unsubscribe(s);
      if (closing) {
        // Ends the response while the server still runs: the client sees the stream end.
        client.close();
      }
      synchronized (streamsLock) {
        openStreams--;
        streamsLock.notifyAll();
      }
    }
  }

  /** Refuses a change without the right bearer token (401) or from another site (403). */
  private void authorize(Context ctx) {
    String origin = ctx.header("Origin");
    String host = ctx.header("Host");
    if (origin != null && host != null && !origin.endsWith("//" + host)) {
      LOG.warn(
          "refused {} {} from {}: cross-site origin {}",
          ctx.method(),
          ctx.path(),
          ctx.ip(),
          origin);
      throw new ApiException(403, "cross-site request refused (origin " + origin + ")");
    }
    String header = ctx.header("Authorization");
    String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : "";
    if (!MessageDigest.isEqual(sha256(given), tokenDigest)) {
      LOG.warn(
          "refused {} {} from {}: {} bearer token",
          ctx.method(),
          ctx.path(),
          ctx.ip(),
          given.isEmpty() ? "no" : "a wrong");
      throw new ApiException(
          401, "a change needs the dashboard's bearer token (Authorization: Bearer ...)");
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void json(Context ctx, Object value) {
    ctx.contentType("application/json").result(Json.write(value));
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw ApiException.badRequest(name, n, "a whole number in [" + min + ", " + max + "]");
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          name, "'" + v + "'", "a whole number in [" + min + ", " + max + "]");
    }
  }

  private static Instant instantParam(Context ctx, String name, Instant fallback) {
    String v = ctx.queryParam(name);
    if (v == null) {
      return fallback;
    }
    try {
      return v.chars().allMatch(Character::isDigit)
          ? Instant.ofEpochMilli(Long.parseLong(v))
          : Instant.parse(v);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ApiException.badRequest(
          name, "'" + v + "'", "an ISO-8601 instant or epoch milliseconds");
    }
  }

  /** The live event streams whose handlers are running. */
  int openEventStreams() {
    synchronized (streamsLock) {
      return openStreams;
    }
  }

  /**
   * Ends the live event streams, waits for their handlers to return (at most {@link
   * #STREAMS_END_TIMEOUT}), then stops the server. A stream handler that returned after the server
   * stopped would make Javalin complete a request Jetty had already recycled, which it logs as an
   * uncaught {@code NullPointerException}.
   */
  @Override
  public void close() {
    closing = true;
    live.wakeAll();
    long deadline = System.nanoTime() + STREAMS_END_TIMEOUT.toNanos();
    synchronized (streamsLock) {
      while (openStreams > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn("{} live event streams still open after {}", openStreams, STREAMS_END_TIMEOUT);
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(streamsLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    app.stop();
    synchronized (this) {
      if (producer != null) {
        producer.close();
      }
    }
  }

  /** An API error as JSON; a 503 also says when to retry. */
  private static void error(Context ctx, int status, String message) {
    if (status == 503) {
      ctx.header("Retry-After", "1");
    }
    ctx.status(status).json(Map.of("error", message));
  }
}
