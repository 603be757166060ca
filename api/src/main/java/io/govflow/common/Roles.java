package io.govflow.common;

/** The four roles of DESIGN.md, as names in {@code @RolesAllowed} and in the demo users' configuration. */
public final class Roles {

  public static final String PRODUCT_OWNER = "product-owner";
  public static final String GOVERNANCE = "governance";
  public static final String OPERATOR = "operator";
  public static final String AUDITOR = "auditor";

  private Roles() {}
}
