package org.shouhu.sim.bench;

/**
 * How hard the harness publishes: a fixed total rate of position reports per second spread evenly over the
 * connections, or as fast as the broker acknowledges with a fixed window of unacknowledged messages per connection;
 * under a topic root ("" for the platform's own topics, another root for the broker-only measurement so the platform
 * does not see those messages).
 *
 * @param perSecond total messages per second, or {@link Double#POSITIVE_INFINITY} for as fast as possible
 * @param window    unacknowledged messages allowed per connection, 1..1000
 * @param topicRoot prefix before {@code shouhu/v1/...}; empty or ending with '/'
 */
public record Load(double perSecond, int window, String topicRoot) {

    public static final Load IDLE = new Load(0, 1, "");

    public Load {
        if (!(perSecond >= 0)) {
            throw new IllegalArgumentException("rate must be >= 0: " + perSecond);
        }
        if (window < 1 || window > 1_000) {
            throw new IllegalArgumentException("window must be 1..1000: " + window);
        }
        if (!topicRoot.isEmpty() && !topicRoot.endsWith("/")) {
            throw new IllegalArgumentException("topic root must be empty or end with '/': " + topicRoot);
        }
    }

    public static Load flatOut(int window, String topicRoot) {
        return new Load(Double.POSITIVE_INFINITY, window, topicRoot);
    }

    public static Load rate(double perSecond, String topicRoot) {
        return new Load(perSecond, 1_000, topicRoot);
    }

    boolean flatOut() {
        return Double.isInfinite(perSecond);
    }
}
