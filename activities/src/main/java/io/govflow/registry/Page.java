package io.govflow.registry;

import java.util.List;

/** One page of a longer list: {@code page} counts from 0, {@code total} is the number of items on all pages. */
public record Page<T>(List<T> items, int page, int size, long total) {}
