package org.shouhu.alert;

import io.vertx.core.Future;

/**
 * Delivers messages of one {@link ChannelKind}. Called on the dispatcher's event loop: implementations must not
 * block. The returned future should always succeed with an outcome; a failed future is treated as retriable.
 */
public interface DeliveryChannel {

    ChannelKind kind();

    Future<DeliveryOutcome> deliver(OutboundMessage message);
}
