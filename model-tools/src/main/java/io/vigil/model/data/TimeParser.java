package io.vigil.model.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads the time of a row: epoch milliseconds (an integer), an ISO-8601 instant ({@code
 * 2026-03-01T12:00:00Z}, an offset allowed) or a local date-time with a {@code T} or a space
 * ({@code 2020-03-09 10:14:33}, fractions of a second allowed), which is taken as UTC: files such
 * as SKAB's carry no zone, and only differences between times matter to the model.
 */
public final class TimeParser {
  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
          .toFormatter(Locale.ROOT);

  private TimeParser() {}

  /**
   * Parses a time.
   *
   * @param text the value as written
   * @return epoch milliseconds
   * @throws IllegalArgumentException saying which forms are accepted
   */
  public static long parse(String text) {
    String value = text.trim();
    if (!value.isEmpty() && isInteger(value)) {
      return Long.parseLong(value);
    }
    try {
      return Instant.parse(value).toEpochMilli();
    } catch (DateTimeParseException e) {
      // Not an instant with a zone; try the local forms below.
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      // No offset either.
    }
    try {
      return LocalDateTime.parse(value, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "time '"
              + text
              + "' is not epoch milliseconds, an ISO-8601 instant or a local date-time"
              + " (yyyy-MM-dd HH:mm:ss)",
          e);
    }
  }

  private static boolean isInteger(String value) {
    int start = value.charAt(0) == '-' ? 1 : 0;
    if (start == value.length()) {
      return false;
    }
    for (int i = start; i < value.length(); i++) {
      if (!Character.isDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
