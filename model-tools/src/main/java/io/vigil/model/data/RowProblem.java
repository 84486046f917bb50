package io.vigil.model.data;

/**
 * A malformed row, thrown by a reader's per-row code and caught at its row loop, where {@link
 * BadRows} turns it into a {@link DataException} or skips the row. Its message is the problem as a
 * {@link DataException} states it after the source ({@code line 3 column 'a' is 'high', expected a
 * number}). It has no stack trace: when skipping it is control flow, possibly once per row of a
 * long file, and when failing the {@link DataException} thrown in its place has one.
 */
final class RowProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long position;
  private final String reason;

  private RowProblem(String unit, long position, String separator, String reason, Throwable cause) {
    super(unit + " " + position + separator + reason, cause, false, false);
    this.position = position;
    this.reason = reason;
  }

  /** A problem with a line of text: {@code line 3 has 2 values, expected 3}. */
  static RowProblem line(long line, String reason) {
    return new RowProblem("line", line, " ", reason, null);
  }

  /** A problem with a line of text found by a library: {@code line 3 is not JSON: ...}. */
  static RowProblem line(long line, String reason, Throwable cause) {
    return new RowProblem("line", line, " ", reason, cause);
  }

  /**
   * A value of a line refused by a parser, whose message is the reason: {@code line 3: time...}.
   */
  static RowProblem lineValue(long line, IllegalArgumentException cause) {
    return new RowProblem("line", line, ": ", cause.getMessage(), cause);
  }

  /** A problem with a record of a binary file, counted from 0: {@code record 4 has no ...}. */
  static RowProblem record(long index, String reason) {
    return new RowProblem("record", index, " ", reason, null);
  }

  /** A value of a record refused by a parser, whose message is the reason. */
  static RowProblem recordValue(long index, IllegalArgumentException cause) {
    return new RowProblem("record", index, ": ", cause.getMessage(), cause);
  }

  /** Returns the line (from 1) or record (from 0) of the row. */
  long position() {
    return position;
  }

  /** Returns what is wrong, without the source and line. */
  String reason() {
    return reason;
  }
}
