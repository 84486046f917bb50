package io.vigil.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.vigil.app.startup.KafkaPreflight;

/**
 * Keeps the start-up check's own Kafka client off the console: its failures (a refused login, a
 * failed TLS handshake) are reported in the check's one line, and the client would log each of them
 * again, with a stack trace. Every other client's messages pass.
 */
public final class PreflightLogFilter extends Filter<ILoggingEvent> {
  @Override
  public FilterReply decide(ILoggingEvent event) {
    return event.getLoggerName().startsWith("org.apache.kafka.")
            && event.getFormattedMessage().contains("clientId=" + KafkaPreflight.CLIENT_ID + "]")
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
