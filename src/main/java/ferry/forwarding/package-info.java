/**
 * Forwarding: the MDB that takes accepted requests off the queue, claims an attempt, sends it to the target and records the outcome; the retry planner; the recovery sweep.
 */
package ferry.forwarding;
