package io.vigil.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C and SIGTERM into an orderly stop: the hook asks the running command to stop, waits
 * (at most {@link #BOUND}) for it to finish its shutdown, so the broker and the stream application
 * close cleanly, and then ends the JVM with the command's status: 0 after a clean stop, instead of
 * the JVM's 143 for a signal; 1 when the command did not stop in time or failed to.
 */
final class Shutdown {
  /**
   * The longest a stop may take: the stream application closes within 30 s (its close timeout), the
   * rest in a few seconds.
   */
  static final Duration BOUND = Duration.ofSeconds(60);

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile int status = 1;

  private Shutdown() {}

  static Shutdown onCtrlC() {
    Shutdown s = new Shutdown();
    Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "vigil-shutdown"));
    return s;
  }

  /** Runs in the shutdown hook. */
  private void stop() {
    if (finished.getCount() == 0) {
      return; // the command had ended already: the JVM exits with the status it was given
    }
    stopRequested.countDown();
    boolean done;
    try {
      done = finished.await(BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (!done) {
      System.err.println("vigil: did not stop within " + BOUND.toSeconds() + " s; exiting");
    }
    System.out.flush();
    System.err.flush();
    Runtime.getRuntime().halt(done ? status : 1);
  }

  CountDownLatch stopRequested() {
    return stopRequested;
  }

  /** Called by the command once it has shut everything down cleanly. */
  void done() {
    done(true);
  }

  /**
   * Called by the command once it has shut down.
   *
   * @param clean whether everything closed as it should (the exit status after a signal is 0 if so,
   *     1 otherwise)
   */
  void done(boolean clean) {
    status = clean ? 0 : 1;
    finished.countDown();
  }
}
