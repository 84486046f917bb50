package io.vigil.app.policy;

import io.vigil.app.ingest.DeadLetters;
import io.vigil.app.metrics.VigilMetrics;
import io.vigil.app.topology.StoreOffsets;
import io.vigil.schemas.DeadLetterReason;
import io.vigil.schemas.ThresholdPolicy;
import io.vigil.schemas.serde.MalformedRecordException;
import io.vigil.schemas.serde.VigilSerdes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates records from the policies control topic. A valid policy, newer than the active one for
 * its key, is forwarded (keyed {@code fleet} or {@code device:<id>}) to the active-policies topic
 * that every instance reads; anything else becomes an INVALID_POLICY dead letter (STALE_POLICY when
 * it is valid but not newer), and the policy in force stays. A tombstone under a policy key removes
 * that policy.
 *
 * <p>One rule decides which version is in force, here and only here: a policy is accepted only if
 * its version is newer than the last one accepted for its scope. The last accepted versions are
 * kept in this processor's own changelogged store ({@link #VERSIONS}), written in the same step as
 * the acceptance, so two policies published back to back are compared with each other and not with
 * the global store (which catches up asynchronously, after the active-policies topic is read back).
 */
public final class PolicyValidatorProcessor implements Processor<byte[], byte[], String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyValidatorProcessor.class);

  /**
   * Validation needs a positive suggested threshold; the real one is the model's, applied per
   * device.
   */
  private static final double ANY_SUGGESTED_THRESHOLD = 1.0;

  /** The store of the last accepted version per scope. */
  public static final String VERSIONS = "policy-versions";

  /**
   * Every accepted policy, keyed {@code <scope key>#<version, 20 digits>} so that a scope's
   * versions are adjacent and in order: the dashboard's history and restore.
   */
  public static final String HISTORY = "policy-history";

  private final String activeStore;
  private final VigilMetrics metrics;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, ThresholdPolicy> active;
  private KeyValueStore<String, Long> versions;
  private KeyValueStore<String, byte[]> history;

  public PolicyValidatorProcessor(String activeStore, VigilMetrics metrics) {
    this.activeStore = activeStore;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.active = context.getStateStore(activeStore);
    this.versions = context.getStateStore(VERSIONS);
    this.history = context.getStateStore(HISTORY);
    StoreOffsets.markOnce(context, Map.of(VERSIONS, StoreOffsets.MARK, HISTORY, StoreOffsets.MARK));
  }

  /**
   * The history store's key of a scope's version.
   *
   * @param scopeKey {@code fleet} or {@code device:<id>}
   * @param version the version
   * @return the key
   */
  public static String historyKey(String scopeKey, long version) {
    return String.format(Locale.ROOT, "%s#%020d", scopeKey, version);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    if (record.value() == null) {
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if (key != null
          && (key.equals(PolicyKey.FLEET)
              || key.startsWith(PolicyKey.device("")) && key.length() > 7)) {
        LOG.info("policy under '{}' removed", key);
        versions.delete(key);
        context.forward(new Record<String, Object>(key, null, record.timestamp()));
      } else {
        reject(record, "tombstone with key '" + key + "'; expected 'fleet' or 'device:<id>'");
      }
      return;
    }
    ThresholdPolicy policy;
    try {
      policy = VigilSerdes.thresholdPolicy().deserialize(topic, record.value());
    } catch (MalformedRecordException e) {
      reject(record, e.getMessage());
      return;
    }
    try {
      PolicyMapper.toDetectionPolicy(policy, ANY_SUGGESTED_THRESHOLD);
    } catch (PolicyRejectedException e) {
      reject(record, e.getMessage());
      return;
    }
    String key = PolicyKey.of(policy);
    Long accepted = versions.get(key);
    ThresholdPolicy current = active.get(key);
    long inForce =
        Math.max(
            accepted == null ? Long.MIN_VALUE : accepted,
            current == null ? Long.MIN_VALUE : current.getVersion());
    if (inForce >= policy.getVersion()) {
      reject(
          record,
          DeadLetterReason.STALE_POLICY,
          String.format(
              Locale.ROOT,
              "policy '%s' version %d is not newer than version %d, the last accepted under '%s'",
              policy.getPolicyId(),
              policy.getVersion(),
              inForce,
              key));
      return;
    }
    versions.put(key, policy.getVersion());
    history.put(historyKey(key, policy.getVersion()), record.value());
    LOG.info(
        "policy '{}' version {} accepted for '{}' ({} by {})",
        policy.getPolicyId(),
        policy.getVersion(),
        key,
        policy.getMethod(),
        policy.getAuthor());
    context.forward(new Record<String, Object>(key, policy, record.timestamp()));
  }

  private void reject(Record<byte[], byte[]> record, String message) {
    reject(record, DeadLetterReason.INVALID_POLICY, message);
  }

  private void reject(Record<byte[], byte[]> record, DeadLetterReason reason, String message) {
    LOG.warn("policy record refused, the policy in force stays: {}", message);
    DeadLetters.forward(
        context, metrics, record.timestamp(), record.key(), record.value(), reason, message, null);
  }
}
