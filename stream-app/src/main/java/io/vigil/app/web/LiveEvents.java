package io.vigil.app.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.app.detect.LiveFeed;
import io.vigil.core.engine.ScoredWindow;
import io.vigil.schemas.AnomalyEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live feed of the dashboard: stream threads hand every judged window and episode event over
 * without blocking; each Server-Sent-Events client drains its own bounded queue. A client that
 * falls more than {@value #QUEUE} messages behind loses the oldest (counted), never the pipeline's
 * time.
 */
public final class LiveEvents implements LiveFeed {
  static final int QUEUE = 10_000;

  /** Put in a queue only to wake its reader; never sent. */
  private static final String[] WAKE = {};

  /** One client's queue of JSON messages, named {@code score} or {@code event}. */
  static final class Subscription {
    private final BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private final String deviceId;
    private final AtomicLong dropped = new AtomicLong();

    Subscription(String deviceId) {
      this.deviceId = deviceId;
    }

    void offer(String name, String device, String json) {
      if (deviceId != null && !deviceId.equals(device)) {
        return;
      }
      String[] message = {name, json};
      while (!queue.offer(message)) {
        queue.poll();
        dropped.incrementAndGet();
      }
    }

    /**
     * The next message, waiting up to {@code millis}; null when none came or when {@link
     * LiveEvents#wakeAll()} woke the reader.
     */
    String[] next(long millis) throws InterruptedException {
      String[] message = queue.poll(millis, TimeUnit.MILLISECONDS);
      return message == WAKE ? null : message;
    }

    long dropped() {
      return dropped.get();
    }
  }

  private final CopyOnWriteArrayList<Subscription> subscribers = new CopyOnWriteArrayList<>();

  Subscription subscribe(String deviceId) {
    Subscription s = new Subscription(deviceId);
    subscribers.add(s);
    return s;
  }

  void unsubscribe(Subscription s) {
    subscribers.remove(s);
  }

  /** Wakes every subscriber waiting in {@link Subscription#next} (the server is closing). */
  void wakeAll() {
    for (Subscription s : subscribers) {
      s.queue.offer(WAKE);
    }
  }

  @Override
  public void window(ScoredWindow w) {
    if (subscribers.isEmpty()) {
      return;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("deviceId", w.deviceId());
    n.put("windowStart", w.startTime());
    n.put("windowEnd", w.endTime());
    n.put("score", w.score());
    n.put("threshold", w.threshold());
    n.put("phase", w.phase().name());
    n.put("policy", w.detection().policyId() + "@" + w.detection().policyVersion());
    String json = n.toString();
    for (Subscription s : subscribers) {
      s.offer("score", w.deviceId(), json);
    }
  }

  @Override
  public void event(AnomalyEvent e) {
    if (subscribers.isEmpty()) {
      return;
    }
    String json = Views.event(e).toString();
    for (Subscription s : subscribers) {
      s.offer("event", e.getDeviceId(), json);
    }
  }
}
