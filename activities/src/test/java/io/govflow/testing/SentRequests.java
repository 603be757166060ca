package io.govflow.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Every request an SDK client sends, for tests that prove a retried activity sends no second create: give it to the
 * client as an interceptor ({@code moto.sageMaker(sent)}) and read what went out by type.
 */
public final class SentRequests implements ExecutionInterceptor {

  private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    sent.add(context.request());
  }

  /** The requests of {@code type} sent since the last {@link #clear}, in order. */
  public <T> List<T> of(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public List<SdkRequest> all() {
    return List.copyOf(sent);
  }

  public void clear() {
    sent.clear();
  }
}
