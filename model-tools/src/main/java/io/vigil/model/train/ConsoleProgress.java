package io.vigil.model.train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows training progress: on a terminal, a bar redrawn in place as the batches of an epoch go by;
 * in every case one line per finished epoch with its losses, so that a log or a pipe gets a short,
 * readable record without carriage returns.
 */
public final class ConsoleProgress implements TrainingListener {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final boolean terminal;
  private int drawn = -1;

  /**
   * Creates the listener.
   *
   * @param out where to write
   * @param terminal whether {@code out} is a terminal, where the bar can be redrawn with {@code \r}
   */
  public ConsoleProgress(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void onBatch(int epoch, int epochs, int batch, int batches) {
    if (!terminal) {
      return;
    }
    int filled = batch * WIDTH / batches;
    if (filled == drawn) {
      return;
    }
    drawn = filled;
    out.print(
        "\r"
            + prefix(epoch, epochs)
            + " "
            + bar(filled)
            + String.format(Locale.ROOT, " %d/%d", batch, batches));
    out.flush();
  }

  @Override
  public void onEpoch(EpochResult result, int epochs) {
    drawn = -1;
    String line =
        String.format(
            Locale.ROOT,
            "%s %s loss %.5f%s %s%5.1f s",
            prefix(result.epoch(), epochs),
            bar(WIDTH),
            result.trainingLoss(),
            Double.isNaN(result.validationLoss())
                ? ""
                : String.format(Locale.ROOT, "  val %.5f", result.validationLoss()),
            result.improved() ? "*" : " ",
            result.seconds());
    out.println((terminal ? "\r" : "") + line);
    out.flush();
  }

  @Override
  public void onMember(int member, int members, long seed) {
    out.println(String.format(Locale.ROOT, "member %d of %d (seed %d)", member, members, seed));
    out.flush();
  }

  private static String prefix(int epoch, int epochs) {
    int digits = Integer.toString(epochs).length();
    return String.format(Locale.ROOT, "epoch %" + digits + "d/%d", epoch, epochs);
  }

  private static String bar(int filled) {
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
  }
}
