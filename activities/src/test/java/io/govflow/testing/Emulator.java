package io.govflow.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.datazone.DataZoneClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * moto for one test class: started before the class's first test, and closed after its last together with every
 * client and fake it handed out. Register it as {@code @RegisterExtension static final Emulator aws = new Emulator()},
 * naming there what the class puts beside it ({@link #withDataZone()}, {@link #withGaps()}, the interceptors of
 * {@link #sageMaker()}); resetting between tests stays in each test's own set-up, which knows what it needs.
 */
public final class Emulator implements BeforeAllCallback, AfterAllCallback {

  private final boolean dataZone;
  private final boolean gaps;
  private final List<ExecutionInterceptor> interceptors;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private MotoServer moto;
  private S3Client s3;
  private SageMakerClient motoSageMaker;
  private SageMakerGaps sageMakerGaps;
  private SageMakerClient sageMaker;
  private FakeDataZone fakeDataZone;
  private DataZoneClient dataZoneClient;

  /** moto alone, with an S3 and a SageMaker client on it. */
  public Emulator() {
    this(false, false, List.of());
  }

  private Emulator(boolean dataZone, boolean gaps, List<ExecutionInterceptor> interceptors) {
    this.dataZone = dataZone;
    this.gaps = gaps;
    this.interceptors = interceptors;
  }

  /** Starts a {@link FakeDataZone} beside moto. */
  public Emulator withDataZone() {
    return new Emulator(true, gaps, interceptors);
  }

  /** Puts {@link SageMakerGaps} in front of moto for {@link #sageMaker()}. */
  public Emulator withGaps() {
    return new Emulator(dataZone, true, interceptors);
  }

  /** Gives {@link #sageMaker()} these interceptors, ahead of the gaps' rerouting, so they see what the client sent. */
  public Emulator intercepting(ExecutionInterceptor... added) {
    return new Emulator(dataZone, gaps, Stream.concat(interceptors.stream(), Stream.of(added)).toList());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    moto = open(MotoServer.start());
    s3 = open(moto.s3());
    Stream<ExecutionInterceptor> rerouting = Stream.empty();
    if (gaps) {
      motoSageMaker = open(moto.sageMaker());
      sageMakerGaps = open(SageMakerGaps.start(motoSageMaker));
      rerouting = Stream.of(sageMakerGaps.interceptor());
    }
    sageMaker = open(moto.sageMaker(
        Stream.concat(interceptors.stream(), rerouting).toArray(ExecutionInterceptor[]::new)));
    if (dataZone) {
      fakeDataZone = open(FakeDataZone.start());
      dataZoneClient = open(fakeDataZone.client());
    }
  }

  /** Closes in the reverse order of opening; one that fails to close does not keep the others open. */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Exception failure = null;
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  public MotoServer moto() {
    return moto;
  }

  public S3Client s3() {
    return s3;
  }

  /** A SageMaker client with the interceptors given, through the gaps when {@link #withGaps()} is on. */
  public SageMakerClient sageMaker() {
    return sageMaker;
  }

  /** A SageMaker client straight to moto, past the gaps: what moto itself holds. */
  public SageMakerClient motoSageMaker() {
    return required(motoSageMaker, "withGaps()");
  }

  public SageMakerGaps gaps() {
    return required(sageMakerGaps, "withGaps()");
  }

  public FakeDataZone dataZone() {
    return required(fakeDataZone, "withDataZone()");
  }

  /** A client on the {@link FakeDataZone}, as the worker builds it. */
  public DataZoneClient dataZoneClient() {
    return required(dataZoneClient, "withDataZone()");
  }

  private <T extends AutoCloseable> T open(T resource) {
    opened.push(resource);
    return resource;
  }

  private static <T> T required(T part, String option) {
    if (part == null) {
      throw new IllegalStateException("the emulator starts this only when registered with " + option);
    }
    return part;
  }
}
