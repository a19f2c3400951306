package org.shouhu.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens when nobody acknowledges an alert of one kind in time.
 *
 * <p>Zone alerts: after each {@code ackTimeout} without acknowledgement the next guardian named by the rule is told;
 * after the last guardian, the police if {@code escalateToPolice}, else the alert expires. SOS alerts go to everybody
 * at once; after each {@code ackTimeout} without acknowledgement the police get the alert again, marked escalated
 * and with higher delivery priority, at most {@code maxPoliceResends} times.
 *
 * @param ackTimeout       how long to wait for an acknowledgement at each level; zero disables escalation
 * @param escalateToPolice whether a zone alert nobody acknowledged goes to the police in the end
 * @param maxPoliceResends how many times an unacknowledged SOS is re-sent to the police
 */
public record EscalationPolicy(Duration ackTimeout, boolean escalateToPolice, int maxPoliceResends) {

    public EscalationPolicy {
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        if (ackTimeout.isNegative()) {
            throw new IllegalArgumentException("ack timeout must not be negative: " + ackTimeout);
        }
        if (maxPoliceResends < 0) {
            throw new IllegalArgumentException("max police resends must not be negative: " + maxPoliceResends);
        }
    }

    public boolean escalates() {
        return !ackTimeout.isZero();
    }
}
