/**
 * {@code govflow-demo-traffic}: production traffic and ground truth for a demo, sent through the same HTTP interfaces
 * a real caller and labelling process use.
 */
package io.govflow.monitoring.cli;
