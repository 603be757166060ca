package io.govflow.approval;

import java.time.Duration;

/**
 * Deadlines of every human wait, pinned per case at start: a reminder after {@code remindAfter}, an escalation after
 * {@code escalateAfter}, repeated every {@code escalateAfter} while the gate stays open.
 */
public record GatePolicy(Duration remindAfter, Duration escalateAfter) {}
