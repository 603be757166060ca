package io.govflow.usecase;

import java.util.List;

/** The risk tier with the reasons the owner gives for it. */
public record RiskRating(RiskLevel level, List<String> reasons) {}
