package io.vigil.app.policy;

import io.vigil.schemas.ThresholdPolicy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global active-policy store in step with the active-policies topic. */
public final class ActivePolicyUpdater implements Processor<String, ThresholdPolicy, Void, Void> {
  private final String storeName;
  private KeyValueStore<String, ThresholdPolicy> store;

  public ActivePolicyUpdater(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, ThresholdPolicy> record) {
    if (record.value() == null) {
      store.delete(record.key());
    } else {
      store.put(record.key(), record.value());
    }
  }
}
