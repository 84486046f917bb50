package io.vigil.app.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.app.policy.PolicyKey;
import io.vigil.app.policy.PolicyMapper;
import io.vigil.app.policy.PolicyRejectedException;
import io.vigil.core.detect.DetectionDefaults;
import io.vigil.core.detect.DetectionPolicy;
import io.vigil.schemas.AlertRule;
import io.vigil.schemas.PolicyScope;
import io.vigil.schemas.ThresholdMethod;
import io.vigil.schemas.ThresholdPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a policy edited on the dashboard (JSON) into the {@code ThresholdPolicy} record the control
 * topic takes: fields left out keep the values of the policy in force for the scope (or of the
 * built-in default), the version is the one in force plus one, and the result passes the same
 * validation as the pipeline's ({@link PolicyMapper}), so a bad value is a 400 naming the field.
 */
final class PolicyRequests {
  private PolicyRequests() {}

  /** The scope key ({@code fleet} or {@code device:<id>}) of a request. */
  static String scopeKey(JsonNode body) {
    String scope = text(body, "scope", "FLEET").toUpperCase(Locale.ROOT);
    if (scope.equals("FLEET")) {
      return PolicyKey.FLEET;
    }
    if (!scope.equals("DEVICE")) {
      throw ApiException.badRequest("scope", "'" + scope + "'", "FLEET or DEVICE");
    }
    String device = text(body, "deviceId", null);
    if (device == null || device.isBlank()) {
      throw ApiException.badRequest("deviceId", device, "a device id when scope is DEVICE");
    }
    return PolicyKey.device(device);
  }

  /**
   * Builds the record a request asks for.
   *
   * @param body the request's JSON
   * @param inForce the policy in force for the request's scope, or null
   * @param fleet the fleet policy in force, or null (a device's first override starts from it)
   * @param suggestedThreshold the model's suggested threshold
   * @param window the model's W
   * @param stride the model's S
   * @param now the creation time
   * @return the record, validated
   * @throws ApiException 400 naming the field, the value and what is allowed
   */
  static ThresholdPolicy build(
      JsonNode body,
      ThresholdPolicy inForce,
      ThresholdPolicy fleet,
      double suggestedThreshold,
      int window,
      int stride,
      Instant now) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("body", body, "a JSON object");
    }
    String key = scopeKey(body);
    boolean device = !key.equals(PolicyKey.FLEET);
    ThresholdPolicy base = inForce != null ? inForce : fleet;
    if (base == null) {
      base = fromCore(DetectionDefaults.policy(suggestedThreshold, window, stride));
    }
    ThresholdPolicy.Builder b = ThresholdPolicy.newBuilder(base);
    b.setScope(device ? PolicyScope.DEVICE : PolicyScope.FLEET);
    b.setDeviceId(device ? text(body, "deviceId", null) : null);
    b.setPolicyId(
        inForce != null
            ? inForce.getPolicyId()
            : device ? "dashboard-device-" + text(body, "deviceId", "") : "dashboard-fleet");
    b.setVersion(inForce != null ? inForce.getVersion() + 1 : 1);
    if (body.has("method")) {
      String m = text(body, "method", "").toUpperCase(Locale.ROOT);
      try {
        ThresholdMethod method = ThresholdMethod.valueOf(m);
        if (method != base.getMethod() && !body.has("parameters")) {
          b.setParameters(new HashMap<>());
        }
        b.setMethod(method);
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "method", "'" + m + "'", "one of " + Arrays.toString(ThresholdMethod.values()));
      }
    }
    if (body.has("parameters")) {
      JsonNode p = body.get("parameters");
      if (!p.isObject()) {
        throw ApiException.badRequest("parameters", p, "an object of name: number");
      }
      Map<String, Double> parameters = new HashMap<>();
      for (Map.Entry<String, JsonNode> e : p.properties()) {
        if (!e.getValue().isNumber()) {
          throw ApiException.badRequest("parameters." + e.getKey(), e.getValue(), "a number");
        }
        parameters.put(e.getKey(), e.getValue().doubleValue());
      }
      b.setParameters(parameters);
    }
    if (body.has("warmupWindows")) {
      b.setWarmupWindows(integer(body, "warmupWindows"));
    }
    if (body.has("alertRule")) {
      JsonNode r = body.get("alertRule");
      if (!r.isObject()) {
        throw ApiException.badRequest("alertRule", r, "an object");
      }
      AlertRule.Builder rule = AlertRule.newBuilder(base.getAlertRule());
      if (r.has("openWhenExceeded")) {
        rule.setOpenWhenExceeded(integer(r, "openWhenExceeded"));
      }
      if (r.has("ofLastWindows")) {
        rule.setOfLastWindows(integer(r, "ofLastWindows"));
      }
      if (r.has("closeAfterNormal")) {
        rule.setCloseAfterNormal(integer(r, "closeAfterNormal"));
      }
      if (r.has("updateIntervalMillis")) {
        rule.setUpdateIntervalMillis(integer(r, "updateIntervalMillis"));
      }
      b.setAlertRule(rule.build());
    }
    String author = text(body, "author", null);
    if (author == null || author.isBlank() || author.length() > 256) {
      throw ApiException.badRequest(
          "author",
          author == null ? null : "'" + author + "'",
          "who makes the change, 1-256 chars");
    }
    String comment = text(body, "comment", null);
    if (comment != null && comment.length() > 2000) {
      throw ApiException.badRequest(
          "comment", comment.length() + " characters", "at most 2000 characters");
    }
    b.setAuthor(author);
    b.setComment(comment);
    b.setCreatedAt(now);
    ThresholdPolicy policy = b.build();
    check(policy, suggestedThreshold);
    return policy;
  }

  /** Validates a record as the pipeline will. */
  static DetectionPolicy check(ThresholdPolicy policy, double suggestedThreshold) {
    try {
      return PolicyMapper.toDetectionPolicy(policy, suggestedThreshold);
    } catch (PolicyRejectedException e) {
      throw new ApiException(400, e.getMessage());
    }
  }

  /** The record form of a core policy (the built-in default, for a scope with none). */
  static ThresholdPolicy fromCore(DetectionPolicy p) {
    List<Double> bands = new ArrayList<>(p.alertRule().severityBands().starts());
    return ThresholdPolicy.newBuilder()
        .setPolicyId(p.policyId())
        .setScope(PolicyScope.FLEET)
        .setDeviceId(null)
        .setMethod(ThresholdMethod.valueOf(p.threshold().method().name()))
        .setParameters(new HashMap<>(p.threshold().parameters()))
        .setWarmupWindows(p.threshold().warmupWindows())
        .setAlertRule(
            AlertRule.newBuilder()
                .setOpenWhenExceeded(p.alertRule().openWhenExceeded())
                .setOfLastWindows(p.alertRule().ofLastWindows())
                .setCloseAfterNormal(p.alertRule().closeAfterNormal())
                .setUpdateIntervalMillis(p.alertRule().updateIntervalMillis())
                .setSeverityBands(bands)
                .setTopChannels(p.alertRule().topChannels())
                .build())
        .setVersion(p.version())
        .setAuthor("built-in")
        .setCreatedAt(Instant.EPOCH)
        .build();
  }

  /** The JSON form of a policy record. */
  static ObjectNode toJson(ThresholdPolicy p) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("policyId", p.getPolicyId());
    n.put("version", p.getVersion());
    n.put("scope", p.getScope().name());
    n.put("deviceId", p.getDeviceId());
    n.put("method", p.getMethod().name());
    ObjectNode params = n.putObject("parameters");
    p.getParameters().forEach((k, v) -> params.put(k.toString(), v));
    n.put("warmupWindows", p.getWarmupWindows());
    ObjectNode r = n.putObject("alertRule");
    r.put("openWhenExceeded", p.getAlertRule().getOpenWhenExceeded());
    r.put("ofLastWindows", p.getAlertRule().getOfLastWindows());
    r.put("closeAfterNormal", p.getAlertRule().getCloseAfterNormal());
    r.put("updateIntervalMillis", p.getAlertRule().getUpdateIntervalMillis());
    r.putPOJO("severityBands", p.getAlertRule().getSeverityBands());
    r.put("topChannels", p.getAlertRule().getTopChannels());
    n.put("author", p.getAuthor());
    n.put("comment", p.getComment());
    n.put("createdAt", p.getCreatedAt().toString());
    return n;
  }

  private static String text(JsonNode body, String field, String fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(field, v, "a string");
    }
    return v.asText();
  }

  private static int integer(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw ApiException.badRequest(field, v, "a whole number");
    }
    return v.intValue();
  }
}
