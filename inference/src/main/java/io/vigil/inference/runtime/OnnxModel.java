package io.vigil.inference.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.vigil.inference.InferenceException;
import io.vigil.inference.contract.ContractValidator;
import io.vigil.inference.contract.ModelContract;
import io.vigil.inference.contract.ModelContractException;
import io.vigil.inference.contract.ModelMetadata;
import io.vigil.inference.contract.ModelSignature;
import io.vigil.inference.contract.TensorSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A contract model loaded into ONNX Runtime: owns one {@code OrtSession}, created once and shared
 * by the model's {@link WindowBatchScorer}s. Loading refuses a model that breaks the contract (with
 * every problem listed), then runs a probe batch so that shapes only known at run time are checked
 * before the first real window. Logs one line per load naming the provider in use.
 *
 * <p>Session options: {@link InferenceSettings#intraOpThreads()} intra-op threads, one inter-op
 * thread, sequential execution, spinning off ({@code session.intra_op.allow_spinning} and {@code
 * session.inter_op.allow_spinning} = "0"). The provider follows {@link
 * InferenceSettings#provider()}: see {@link ExecutionProvider}.
 *
 * <p>Thread-safe after load. One owner closes it, after its scorers are done.
 */
public final class OnnxModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);

  /** Windows in the load-time probe: two, so that a model that cannot batch is caught. */
  private static final int PROBE_WINDOWS = 2;

  private final String source;
  private final OrtSession session;
  private final ModelMetadata metadata;
  private final InferenceSettings settings;
  private final ExecutionProvider provider;
  private final boolean hasScore;
  private final boolean hasChannelScores;
  private final int latentSize;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxModel(
      String source,
      OrtSession session,
      ModelMetadata metadata,
      InferenceSettings settings,
      ExecutionProvider provider,
      ModelSignature signature) {
    this.source = source;
    this.session = session;
    this.metadata = metadata;
    this.settings = settings;
    this.provider = provider;
    this.hasScore = signature.outputs().containsKey(ModelContract.OUTPUT_SCORE);
    this.hasChannelScores = signature.outputs().containsKey(ModelContract.OUTPUT_CHANNEL_SCORES);
    TensorSignature latent = signature.outputs().get(ModelContract.OUTPUT_LATENT);
    // The validator has checked it: rank 2, its code size fixed.
    this.latentSize = latent == null ? 0 : Math.toIntExact(latent.dims().get(1));
  }

  /**
   * Loads a model file.
   *
   * @param path the {@code .onnx} file
   * @param settings provider, threads and batch size
   * @return the model, owned by the caller
   * @throws ModelContractException if the model breaks the contract
   * @throws ProviderUnavailableException if the requested provider cannot run here
   * @throws InferenceException if the file is missing or ONNX Runtime cannot load it
   */
  public static OnnxModel load(Path path, InferenceSettings settings) {
    String source = path.toString();
    if (!Files.isRegularFile(path)) {
      throw new InferenceException("model " + source + ": no such file");
    }
    return open(source, (env, options) -> env.createSession(source, options), settings);
  }

  /**
   * Loads a model from its bytes, e.g. fetched from a model store.
   *
   * @param model the serialised ONNX model
   * @param source a name for messages and logs, e.g. a URI
   * @param settings provider, threads and batch size
   * @return the model, owned by the caller
   * @throws ModelContractException if the model breaks the contract
   * @throws ProviderUnavailableException if the requested provider cannot run here
   * @throws InferenceException if ONNX Runtime cannot load it
   */
  public static OnnxModel load(byte[] model, String source, InferenceSettings settings) {
    return open(source, (env, options) -> env.createSession(model, options), settings);
  }

  private static OnnxModel open(
      String source, SessionOpener.ModelSource model, InferenceSettings settings) {
    SessionOpener.Opened opened = SessionOpener.open(source, model, settings);
    OrtSession session = opened.session();
    try {
      ModelSignature signature = Signatures.of(session);
      ModelMetadata metadata = ContractValidator.validate(source, signature);
      OnnxModel loaded =
          new OnnxModel(source, session, metadata, settings, opened.provider(), signature);
      loaded.probe();
      LOG.info(
          "Loaded model {} version {} ({}, W={}, F={}) from {} on ONNX Runtime {} provider {}"
              + " (requested {}{}); scores {}",
          metadata.modelId(),
          metadata.modelVersion(),
          metadata.kind(),
          metadata.window(),
          metadata.featureCount(),
          source,
          OrtRuntime.version(),
          opened.provider(),
          settings.provider().configName(),
          opened.note().isEmpty() ? "" : "; " + opened.note(),
          loaded.hasScore && loaded.hasChannelScores ? "from the model" : "computed by Vigil");
      return loaded;
    } catch (OrtException e) {
      closeQuietly(session);
      throw new InferenceException(
          "model " + source + ": ONNX Runtime could not describe it: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(session);
      throw e;
    }
  }

  /**
   * Scores a batch of windows at the scaler mean, so that shape problems hidden behind symbolic
   * dimensions (a reshape to a fixed batch, a wrong output length) refuse the model now rather than
   * on live data.
   */
  private void probe() {
    int count = Math.min(PROBE_WINDOWS, settings.maxBatchSize());
    int size = metadata.window() * metadata.featureCount();
    float[] windows = new float[count * size];
    for (int i = 0; i < windows.length; i++) {
      windows[i] = metadata.scaler().mean(i % metadata.featureCount());
    }
    BatchScores scores;
    try {
      scores = newScorer().score(windows, count, true);
    } catch (ScoringFailure e) {
      throw new ModelContractException(
          source, List.of("a probe batch of " + count + " windows failed: " + e.detail()), e);
    }
    for (int b = 0; b < count; b++) {
      if (!Float.isFinite(scores.score(b))) {
        throw new ModelContractException(
            source,
            List.of(
                "a probe batch of "
                    + count
                    + " windows at the scaler mean scored "
                    + scores.score(b)
                    + ", expected a finite number"));
      }
    }
  }

  /** Returns a new scorer for this model; one per thread (see {@link WindowBatchScorer}). */
  public WindowBatchScorer newScorer() {
    ensureOpen();
    return new WindowBatchScorer(this);
  }

  /** Returns the model path, or the name given with its bytes. */
  public String source() {
    return source;
  }

  /** Returns the validated contract metadata. */
  public ModelMetadata metadata() {
    return metadata;
  }

  /** Returns the settings the model was loaded with. */
  public InferenceSettings settings() {
    return settings;
  }

  /**
   * Returns the provider in use, {@link ExecutionProvider#CPU} or {@link ExecutionProvider#CUDA}.
   */
  public ExecutionProvider provider() {
    return provider;
  }

  /** Returns whether the model outputs {@code score}; if not, Vigil computes it. */
  public boolean hasScoreOutput() {
    return hasScore;
  }

  /** Returns whether the model outputs {@code channel_scores}; if not, Vigil computes them. */
  public boolean hasChannelScoresOutput() {
    return hasChannelScores;
  }

  /**
   * Returns L, the size of the model's {@code latent} code; 0 when the model has no such output
   * (models exported before it existed, or ones whose author left it out).
   */
  public int latentSize() {
    return latentSize;
  }

  OrtSession session() {
    return session;
  }

  void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("model " + source + " is closed");
    }
  }

  /** Releases the session; later scoring fails. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        session.close();
      } catch (OrtException e) {
        throw new InferenceException("model " + source + ": closing its session failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "OnnxModel{"
        + metadata.modelId()
        + " "
        + metadata.modelVersion()
        + ", source="
        + source
        + ", provider="
        + provider
        + "}";
  }

  private static void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException | RuntimeException e) {
      // The load already failed; its exception is the one worth reporting.
      LOG.debug("closing a session that failed to load also failed", e);
    }
  }
}
