package io.vigil.model.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a reader does with a malformed row (a wrong number of values, a time or number that does not
 * parse, an infinite value, a line that is not a JSON object): {@linkplain #fail() fail} with the
 * file, line and reason, the default, or {@linkplain #skip() skip} it, count it and report it, so
 * that one bad row in a long recording need not stop a replay. Problems with the file as a whole
 * (empty, unreadable, a requested column absent, no numeric channel, no good row) fail either way.
 *
 * <p>A skipping instance accumulates over every file it is given, so one instance serves one run;
 * it is not thread-safe.
 */
public final class BadRows {
  /** How many skipped rows {@link #first()} keeps for a summary. */
  public static final int KEPT = 5;

  private static final BadRows FAIL = new BadRows(false, row -> {});

  private final boolean skips;
  private final Consumer<? super BadRow> listener;
  private final List<BadRow> first = new ArrayList<>();
  private long count;

  /**
   * A row that was skipped.
   *
   * @param source the file
   * @param line the line of a CSV or JSON lines file (from 1, blank lines counted), or the record
   *     of an Avro file (from 0); {@code message} says which
   * @param reason what is wrong with the row, e.g. {@code column 'a' is 'high', expected a number}
   * @param message the whole message, naming source, line and reason, exactly as the failing mode
   *     would have thrown it
   */
  public record BadRow(String source, long line, String reason, String message) {}

  private BadRows(boolean skips, Consumer<? super BadRow> listener) {
    this.skips = skips;
    this.listener = listener;
  }

  /** Returns the default: the first malformed row throws a {@link DataException}. */
  public static BadRows fail() {
    return FAIL;
  }

  /** Returns a fresh instance that skips malformed rows and counts them. */
  public static BadRows skip() {
    return skip(row -> {});
  }

  /**
   * Returns a fresh instance that skips malformed rows, counts them and hands each to a listener,
   * e.g. to log it or write it to a dead-letter file.
   *
   * @param listener called once per skipped row, in the order read
   */
  public static BadRows skip(Consumer<? super BadRow> listener) {
    return new BadRows(true, Objects.requireNonNull(listener, "listener"));
  }

  /** Returns whether malformed rows are skipped rather than failed on. */
  public boolean skips() {
    return skips;
  }

  /** Returns how many rows were skipped so far; always 0 when failing. */
  public long count() {
    return count;
  }

  /** Returns the first {@link #KEPT} skipped rows, in the order read. */
  public List<BadRow> first() {
    return List.copyOf(first);
  }

  /**
   * Deals with a malformed row: throws, or records it and returns so that the reader goes on.
   *
   * @throws DataException when failing, with the message a reader has always thrown
   */
  void reject(String source, RowProblem problem) {
    if (!skips) {
      throw problem.getCause() == null
          ? new DataException(source, problem.getMessage())
          : new DataException(source, problem.getMessage(), problem.getCause());
    }
    BadRow row =
        new BadRow(
            source,
            problem.position(),
            problem.reason(),
            DataException.message(source, problem.getMessage()));
    count++;
    if (first.size() < KEPT) {
      first.add(row);
    }
    listener.accept(row);
  }
}
