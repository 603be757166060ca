package io.govflow.common;

import io.govflow.modelversion.ModelVersionWorkflowImpl;
import io.govflow.monitoring.MonitoringWorkflowImpl;
import io.govflow.usecase.UseCaseWorkflowImpl;

/** The lifecycle's workflow implementations, registered together by the worker, its tests and the replay test. */
public final class LifecycleWorkflows {

  private LifecycleWorkflows() {}

  public static Class<?>[] types() {
    return new Class<?>[] {UseCaseWorkflowImpl.class, ModelVersionWorkflowImpl.class, MonitoringWorkflowImpl.class};
  }
}
