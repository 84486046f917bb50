package io.vigil.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {
  @Test
  void recognisesKafkaStreamsProcessingThreadsOnly() {
    assertThat(ThreadCpu.isStreamThread("bench-e2e-b256-4b2c-StreamThread-1")).isTrue();
    assertThat(ThreadCpu.isStreamThread("app-StreamThread-12")).isTrue();
    assertThat(ThreadCpu.isStreamThread("app-StreamThread-1-producer")).isFalse();
    assertThat(
            ThreadCpu.isStreamThread("kafka-producer-network-thread | app-StreamThread-1-producer"))
        .isFalse();
    assertThat(ThreadCpu.isStreamThread("app-GlobalStreamThread")).isFalse();
  }

  @Test
  void countsTheCpuTimeOfAStreamThreadThatStartedAfterTheFirstSnapshot() throws Exception {
    ThreadCpu before = ThreadCpu.now();
    CountDownLatch measured = new CountDownLatch(1);
    CountDownLatch spun = new CountDownLatch(1);
    ThreadCpu[] after = new ThreadCpu[1];
    Thread busy =
        new Thread(
            () -> {
              // Spins until it has had 30 ms of CPU, however busy the machine.
              java.lang.management.ThreadMXBean threads =
                  java.lang.management.ManagementFactory.getThreadMXBean();
              long sum = 0;
              long until = threads.getCurrentThreadCpuTime() + 30_000_000L;
              while (ThreadCpu.supported() && threads.getCurrentThreadCpuTime() < until) {
                sum += Long.numberOfTrailingZeros(sum + 1);
              }
              spun.countDown();
              try {
                measured.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (sum < 0) {
                throw new AssertionError("unreachable");
              }
            },
            "test-app-StreamThread-1");
    busy.start();
    spun.await();
    after[0] = ThreadCpu.now();
    measured.countDown();
    busy.join();

    ThreadCpu.Spent spent = after[0].since(before);
    if (ThreadCpu.supported()) {
      assertThat(spent.streamSeconds()).isGreaterThanOrEqualTo(0.03);
      assertThat(spent.processSeconds()).isGreaterThanOrEqualTo(spent.streamSeconds());
      assertThat(spent.streamMicrosPerFrame(1_000))
          .isCloseTo(spent.streamSeconds() * 1e3, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(spent.streamMicrosPerFrame(0)).isZero();
  }
}
