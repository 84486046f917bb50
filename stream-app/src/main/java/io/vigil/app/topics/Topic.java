package io.vigil.app.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values. Keys are device ids (or policy keys on the
 * control topic).
 *
 * @param compacted whether the topic keeps only the latest value per key (the policies topic)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, boolean compacted) {}
