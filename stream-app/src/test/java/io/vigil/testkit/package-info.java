/**
 * The Kafka test fixture shared by Vigil's integration tests (published in the stream-app test
 * jar): {@link io.vigil.testkit.WithKafka} gives a test one Kafka cluster per JVM, either a
 * Testcontainers broker or the embedded broker, and {@link io.vigil.testkit.KafkaTestClients}
 * creates topics and reads records back with a bounded wait.
 */
package io.vigil.testkit;
