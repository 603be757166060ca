package io.govflow.usecase;

import java.util.List;

/** A page of use cases; pass {@code nextPageToken} as {@code pageToken} for the next one (absent on the last page). */
public record UseCasePage(List<UseCaseSummary> items, String nextPageToken) {}
