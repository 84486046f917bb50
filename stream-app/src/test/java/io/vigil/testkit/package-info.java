/**
 * The Kafka test fixture shared by Vigil's integration tests (published in the stream-app test
 * jar): {@link io.vigil.testkit.WithKafka} gives a test one Kafka cluster per JVM, either a
 * Testcontainers broker or the embedded broker (module embedded-broker, on the test class path
 * only), and {@link io.vigil.testkit.clients.KafkaTestClients} (from the embedded-broker test jar)
 * creates topics and reads records back with a bounded wait.
 */
package io.vigil.testkit;
