/** The application's metrics (Micrometer), served in Prometheus' text format. */
package io.vigil.app.metrics;
