package org.shouhu.alert;

import java.net.URI;
import java.util.Objects;

/** Where a guardian can be reached. A guardian lists several in order of preference. */
public sealed interface ChannelAddress {

    /** The address as stored in the outbox and shown in the audit trail. */
    String address();

    /** An HTTPS (or HTTP) endpoint receiving the signed JSON alert body, typically the guardian app's backend. */
    record Webhook(URI url) implements ChannelAddress {
        public Webhook {
            Objects.requireNonNull(url, "url");
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("webhook URL must be http or https: " + url);
            }
        }

        @Override
        public String address() {
            return url.toString();
        }
    }

    /** A mobile number in E.164 form ({@code +8613800138000}), reached through the configured SMS gateway. */
    record Sms(String phoneNumber) implements ChannelAddress {
        public Sms {
            Objects.requireNonNull(phoneNumber, "phoneNumber");
            if (!phoneNumber.matches("\\+[1-9][0-9]{6,14}")) {
                throw new IllegalArgumentException("phone number must be E.164, e.g. +8613800138000: " + phoneNumber);
            }
        }

        @Override
        public String address() {
            return phoneNumber;
        }
    }
}
