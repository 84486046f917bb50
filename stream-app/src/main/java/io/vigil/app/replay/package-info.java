/**
 * Replays of recorded frames through Kafka: into the live frames topic, or into an isolated replay
 * namespace (its own topics under a prefix, its own application id and state) where a stream
 * application of its own detects on them without touching live thresholds or alerts. Publishing is
 * transactional and records its progress in the same transactions, so an interrupted replay resumes
 * without duplicates.
 */
package io.vigil.app.replay;
