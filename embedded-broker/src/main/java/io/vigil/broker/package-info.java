/**
 * A single-node Kafka broker that runs inside the JVM, built from Kafka's own KRaft server code. It
 * lets Vigil run end to end on one machine (demos, local replays, integration tests) without an
 * external cluster: {@link io.vigil.broker.EmbeddedKafkaBroker} formats its storage on first use,
 * keeps topics and records across restarts on the same data directory, and listens on loopback
 * only.
 */
package io.vigil.broker;
