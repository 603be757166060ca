package io.govflow.common;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/** Typed search attributes that make the Web UI's filters and the API's listings work. */
public final class GovflowSearchAttributes {

  public static final SearchAttributeKey<String> USE_CASE_ID = SearchAttributeKey.forKeyword("GovflowUseCaseId");
  public static final SearchAttributeKey<String> RISK = SearchAttributeKey.forKeyword("GovflowRisk");
  public static final SearchAttributeKey<String> STAGE = SearchAttributeKey.forKeyword("GovflowStage");
  public static final SearchAttributeKey<String> OWNER = SearchAttributeKey.forKeyword("GovflowOwner");
  /** The gate a person must decide now, or "NONE". */
  public static final SearchAttributeKey<String> PENDING_GATE = SearchAttributeKey.forKeyword("GovflowPendingGate");

  public static final List<SearchAttributeKey<String>> ALL = List.of(USE_CASE_ID, RISK, STAGE, OWNER, PENDING_GATE);

  public static final String NO_PENDING_GATE = "NONE";

  private GovflowSearchAttributes() {}
}
