package io.vigil.cli;

import io.vigil.app.config.VigilConfig;
import io.vigil.app.replay.LiveReplay;
import io.vigil.app.replay.NamespaceReplay;
import io.vigil.app.replay.Pace;
import io.vigil.app.replay.ReplayNamespace;
import io.vigil.app.replay.ReplayPublisher;
import io.vigil.app.startup.KafkaPreflight;
import io.vigil.model.data.BadRows;
import io.vigil.model.data.Recording;
import io.vigil.model.data.RecordingFrames;
import io.vigil.schemas.AnomalyEvent;
import io.vigil.schemas.EpisodeEventKind;
import io.vigil.schemas.TelemetryFrame;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil replay}. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replays recorded frames through Kafka, event times preserved: into an isolated namespace"
          + " (its own topics, application id and state; a stream application of its own detects"
          + " on them, live thresholds and alerts untouched) or into the live frames topic.",
      "Transactional: an interrupted replay run again with the same name resumes where it"
          + " stopped, without duplicates. --list shows the namespaces, --delete NAME removes"
          + " one.",
      "The last line starts with 'replay '."
    })
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      description = "The live application's properties file (cluster, model, topics).")
  Path config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  static final class Action {
    @Option(
        names = "--namespace",
        paramLabel = "NAME",
        description = "Replay into the isolated namespace NAME and detect there.")
    String namespace;

    @Option(
        names = "--live",
        paramLabel = "NAME",
        description = "Replay into the live frames topic, progress kept under NAME.")
    String live;

    @Option(names = "--list", description = "List the replay namespaces on the cluster.")
    boolean list;

    @Option(
        names = "--delete",
        paramLabel = "NAME",
        description = "Delete a namespace: its topics, internal topics, group and state.")
    String delete;
  }

  @ArgGroup(exclusive = false)
  DataSourceOptions data;

  @Option(
      names = "--pace",
      defaultValue = "max",
      description = "max, realtime or xN, e.g. x60 (default: ${DEFAULT-VALUE}).")
  String pace;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Partitions of a new namespace's topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--replication",
      defaultValue = "1",
      description = "Replication factor of a new namespace's topics (default: ${DEFAULT-VALUE}).")
  short replication;

  @Option(
      names = "--catch-up-timeout",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "Longest wait for the namespace's application after the last frame (default:"
              + " ${DEFAULT-VALUE}).")
  Duration catchUp;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    VigilConfig live = ConfigFiles.load(config);
    Pace paced = Pace.parse(pace);
    // The live frames topic must exist for --live; a namespace's topics are created by the replay.
    KafkaPreflight.of(live)
        .check(
            action.live != null ? List.of(live.topics().framesTopic()) : List.of(),
            KafkaPreflight.CREATE_TOPICS_HINT);
    if (action.list) {
      List<String> names = NamespaceReplay.list(live);
      names.forEach(out::println);
      out.println("replay namespaces=" + names.size());
      out.flush();
      return 0;
    }
    if (action.delete != null) {
      List<String> deleted = new NamespaceReplay(live, new ReplayNamespace(action.delete)).delete();
      out.println("deleted " + deleted.size() + " topics: " + deleted);
      out.println("replay deleted=" + action.delete);
      out.flush();
      return 0;
    }
    if (data == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "a source is required: --data FILES or --kafka-bootstrap ...");
    }
    Recording recording = data.read();
    BadRows bad = data.badRows();
    if (bad.count() > 0) {
      out.printf(Locale.ROOT, "skipped %d bad rows, the first:%n", bad.count());
      bad.first().forEach(r -> out.println("  " + r.message()));
    }
    List<TelemetryFrame> frames = RecordingFrames.ordered(recording);
    out.printf(
        Locale.ROOT,
        "vigil replay: %s, %d devices, %,d frames, %s .. %s, pace %s%n",
        recording.source(),
        recording.series().size(),
        frames.size(),
        recording.firstTime(),
        recording.lastTime(),
        pace);
    out.flush();
    Progress progress = new Progress(out, System.console() != null);
    if (action.live != null) {
      long started = System.nanoTime();
      ReplayPublisher.Outcome o =
          LiveReplay.run(
              live, action.live, frames, recording.contentHash(), paced, progress, Instant.now());
      progress.done();
      out.printf(
          Locale.ROOT,
          "replay target=%s frames=%d published=%d resumed_from=%d bad_rows=%d seconds=%.1f"
              + " frames_per_s=%.0f%n",
          live.topics().framesTopic(),
          o.total(),
          o.published(),
          o.resumedFrom(),
          bad.count(),
          (System.nanoTime() - started) / 1e9,
          o.published() / Math.max((System.nanoTime() - started) / 1e9, 1e-9));
      out.flush();
      return 0;
    }
    ReplayNamespace ns = new ReplayNamespace(action.namespace);
    NamespaceReplay.Result r =
        new NamespaceReplay(live, ns)
            .run(
                frames, recording.contentHash(), paced, partitions, replication, progress, catchUp);
    progress.done();
    long opens = r.events().stream().filter(e -> e.getKind() == EpisodeEventKind.OPEN).count();
    out.printf(
        Locale.ROOT,
        "namespace %s: topics %s*, application %s; scores in %s, events in %s%n",
        ns.name(),
        ns.topicPrefix(live.topics()),
        ns.applicationId(live),
        ns.topics(live.topics()).scoresTopic(),
        ns.topics(live.topics()).anomaliesTopic());
    for (AnomalyEvent e : r.events()) {
      if (e.getKind() == EpisodeEventKind.OPEN) {
        out.printf(
            Locale.ROOT,
            "  OPEN %s %s %s score %.4g threshold %.4g%n",
            e.getDeviceId(),
            e.getEventTime(),
            e.getSeverity(),
            e.getLatestScore(),
            e.getThreshold());
      }
    }
    out.printf(
        Locale.ROOT,
        "replay namespace=%s frames=%d published=%d resumed_from=%d scores=%d events=%d"
            + " episodes=%d bad_rows=%d seconds=%.1f frames_per_s=%.0f%n",
        ns.name(),
        r.publish().total(),
        r.publish().published(),
        r.publish().resumedFrom(),
        r.scores(),
        r.events().size(),
        opens,
        bad.count(),
        r.seconds(),
        r.publish().published() / Math.max(r.seconds(), 1e-9));
    out.flush();
    return 0;
  }

  /** Frames committed, rate and ETA on a terminal. */
  private static final class Progress implements ReplayPublisher.Listener {
    private final PrintWriter out;
    private final boolean terminal;
    private final long started = System.nanoTime();

    Progress(PrintWriter out, boolean terminal) {
      this.out = out;
      this.terminal = terminal;
    }

    @Override
    public void committed(long done, long total) {
      if (!terminal) {
        return;
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double rate = done / Math.max(seconds, 1e-9);
      out.printf(
          Locale.ROOT,
          "\r  %,d of %,d frames (%.0f%%), %,.0f frames/s, ETA %.0f s   ",
          done,
          total,
          100.0 * done / Math.max(1, total),
          rate,
          (total - done) / Math.max(rate, 1e-9));
      out.flush();
    }

    void done() {
      if (terminal) {
        out.println();
      }
    }
  }
}
