/**
 * Blocking Kafka client helpers for integration tests: create topics and wait for their leaders,
 * produce, and consume a number of records with a deadline. They need nothing but kafka-clients, so
 * they live in the embedded broker's test jar, where the broker's own tests and every module above
 * it (through the stream-app test kit) can use them.
 */
package io.vigil.testkit.clients;
