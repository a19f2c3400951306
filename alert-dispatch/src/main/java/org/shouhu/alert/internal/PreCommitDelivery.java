package org.shouhu.alert.internal;

import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.OutboundMessage;

/**
 * Starts the first attempt of a message whose outbox row is still being written, so that the receiver does not wait
 * for the transaction's statements and its durable commit: the police's CAP Alert of a new SOS. The attempt's
 * outcome is recorded on the row only once the row is known to be committed ({@link Started#committed}); when the
 * transaction fails, the outcome is dropped ({@link Started#abandoned}). The raise then failed and its caller raises
 * it again (ingest retries until the alert is committed; the broker redelivers an unacknowledged press after a crash),
 * and the message goes again under the same identifier and idempotency key, so the receiver may see it twice.
 * Implementations are thread-safe.
 */
public interface PreCommitDelivery {

    /** An attempt under way for a row not yet committed; exactly one of the two methods is called, once. */
    interface Started {

        /** The row was committed leased to the deliverer, as {@code row}: record the attempt's outcome on it. */
        void committed(ClaimedMessage row);

        /** Nothing was committed: forget the attempt's outcome. */
        void abandoned();
    }

    /** Nothing was started: the row is delivered after the commit, like the others. */
    Started NOT_STARTED = new Started() {
        @Override
        public void committed(ClaimedMessage row) {
        }

        @Override
        public void abandoned() {
        }
    };

    /** Starts nothing. */
    PreCommitDelivery NONE = (kind, message) -> NOT_STARTED;

    /**
     * Starts posting {@code message} over the channel of {@code kind}; returns at once.
     *
     * @return the attempt, or {@link #NOT_STARTED} when the deliverer cannot take it (not running, stopping)
     */
    Started start(ChannelKind kind, OutboundMessage message);
}
