package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;

/**
 * One transition of one diagnosis waiting for one destination, with where it was read: its
 * partition, its offset, and the partition's epoch then (a revoked partition's work is not ours).
 */
record Delivery(int partition, long offset, int epoch, Diagnosis diagnosis, Transition transition) {
}
