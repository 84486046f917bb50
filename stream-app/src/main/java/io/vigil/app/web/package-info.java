/**
 * The dashboard and HTTP API the stream application serves: fleet, device, alerts and policy pages
 * (static files from the jar, charts by uPlot from its webjar), JSON queries over the detection
 * stage's stores (Kafka Streams interactive queries), live updates by Server-Sent Events, and
 * policy changes, previewed through the one detection engine ({@code
 * io.vigil.core.engine.PolicyPreview}) before they are published to the control topic. Changes need
 * a bearer token.
 */
package io.vigil.app.web;
