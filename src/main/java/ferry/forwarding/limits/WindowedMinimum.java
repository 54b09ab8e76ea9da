package ferry.forwarding.limits;

import java.util.Arrays;

/**
 * The smallest value seen over a sliding window of time, kept in a few buckets so that old
 * values fall out by themselves: the minimum of the buckets started within the window. A value
 * lasts between {@code (buckets - 1) × bucketNanos} and {@code buckets × bucketNanos}. Not
 * thread-safe: its owner guards it.
 */
final class WindowedMinimum {

    private final long bucketNanos;
    private final long[] bucketNumber;
    private final double[] bucketMin;

    WindowedMinimum(int buckets, long bucketNanos) {
        this.bucketNanos = bucketNanos;
        this.bucketNumber = new long[buckets];
        this.bucketMin = new double[buckets];
        forget();
    }

    void add(double value, long nowNanos) {
        long number = Math.floorDiv(nowNanos, bucketNanos);
        int slot = (int) Math.floorMod(number, (long) bucketNumber.length);
        if (bucketNumber[slot] != number) {
            bucketNumber[slot] = number;
            bucketMin[slot] = value;
        } else {
            bucketMin[slot] = Math.min(bucketMin[slot], value);
        }
    }

    /** Starts over from one value, as if nothing had been seen before. */
    void reset(double value, long nowNanos) {
        forget();
        add(value, nowNanos);
    }

    /** @return the minimum over the window, or positive infinity when nothing is in it */
    double min(long nowNanos) {
        long current = Math.floorDiv(nowNanos, bucketNanos);
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < bucketNumber.length; i++) {
            long age = current - bucketNumber[i];
            if (age >= 0 && age < bucketNumber.length) {
                min = Math.min(min, bucketMin[i]);
            }
        }
        return min;
    }

    private void forget() {
        Arrays.fill(bucketNumber, Long.MIN_VALUE);
        Arrays.fill(bucketMin, Double.POSITIVE_INFINITY);
    }
}
