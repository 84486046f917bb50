package io.vigil.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Turns Ctrl-C into an orderly stop: the hook asks the running command to stop, then waits for it
 * to finish its shutdown, so the broker and the stream application close cleanly.
 */
final class Shutdown {
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);

  private Shutdown() {}

  static Shutdown onCtrlC() {
    Shutdown s = new Shutdown();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  s.stopRequested.countDown();
                  try {
                    s.finished.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "vigil-shutdown"));
    return s;
  }

  CountDownLatch stopRequested() {
    return stopRequested;
  }

  /** Called by the command once it has shut everything down. */
  void done() {
    finished.countDown();
  }
}
