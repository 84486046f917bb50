package io.vigil.bench.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads, by kind, between two snapshots: the stream threads of the
 * application under test, and everything else in the process (broker, clients, the bench itself). A
 * figure that, unlike a rate, hardly moves when another process competes for the cores: the stream
 * thread's CPU time per frame is what the stage costs, whatever the machine's load.
 *
 * <p>Threads that start after the first snapshot count from zero; threads that end between the two
 * are lost, so take the second before the application closes.
 */
public final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> streamNanos;
  private final long processNanos;

  private ThreadCpu(Map<Long, Long> streamNanos, long processNanos) {
    this.streamNanos = streamNanos;
    this.processNanos = processNanos;
  }

  /**
   * Whether CPU time per thread can be measured here.
   *
   * @return true when the JVM supports and enables thread CPU time
   */
  public static boolean supported() {
    return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
  }

  /**
   * Takes a snapshot.
   *
   * @return the CPU time of every live stream thread and of the whole process, now
   */
  public static ThreadCpu now() {
    Map<Long, Long> stream = new HashMap<>();
    if (supported()) {
      for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
        if (info != null && isStreamThread(info.getThreadName())) {
          long nanos = THREADS.getThreadCpuTime(info.getThreadId());
          if (nanos >= 0) {
            stream.put(info.getThreadId(), nanos);
          }
        }
      }
    }
    return new ThreadCpu(stream, processCpuNanos());
  }

  /** A Kafka Streams processing thread (not its producer's or consumer's I/O thread). */
  static boolean isStreamThread(String name) {
    return name.matches(".*-StreamThread-\\d+");
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /**
   * The CPU time spent since an earlier snapshot.
   *
   * @param earlier the snapshot at the start of the interval
   * @return stream-thread and whole-process CPU seconds
   */
  public Spent since(ThreadCpu earlier) {
    long stream = 0;
    for (Map.Entry<Long, Long> e : streamNanos.entrySet()) {
      stream += e.getValue() - earlier.streamNanos.getOrDefault(e.getKey(), 0L);
    }
    return new Spent(stream / 1e9, (processNanos - earlier.processNanos) / 1e9);
  }

  /**
   * CPU seconds spent over an interval.
   *
   * @param streamSeconds by the stream threads
   * @param processSeconds by the whole process (the broker in it included)
   */
  public record Spent(double streamSeconds, double processSeconds) {
    /**
     * Stream-thread CPU microseconds per frame.
     *
     * @param frames frames processed in the interval
     * @return the cost, 0 when no frame
     */
    public double streamMicrosPerFrame(long frames) {
      return frames == 0 ? 0 : streamSeconds * 1e6 / frames;
    }

    /**
     * Whole-process CPU microseconds per frame.
     *
     * @param frames frames processed in the interval
     * @return the cost, 0 when no frame
     */
    public double processMicrosPerFrame(long frames) {
      return frames == 0 ? 0 : processSeconds * 1e6 / frames;
    }
  }
}
