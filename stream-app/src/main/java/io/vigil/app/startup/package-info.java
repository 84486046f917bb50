/**
 * Start-up checks that fail fast with one line each: the Kafka cluster (reachable, credentials
 * accepted, topics present), the state directory and the model, before a command starts work that
 * would otherwise retry for a minute.
 */
package io.vigil.app.startup;
