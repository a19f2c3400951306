package org.shouhu.alert;

import java.util.List;
import java.util.Objects;

/**
 * A person to tell about a child's alerts, usually a grandparent.
 *
 * @param id       stable identifier in the directory
 * @param name     display name
 * @param language the language of the texts sent to this guardian
 * @param channels where to reach the guardian, most preferred first; a channel that fails permanently falls to
 *                 the next
 */
public record Guardian(String id, String name, Language language, List<ChannelAddress> channels) {

    public Guardian {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        channels = List.copyOf(channels);
        if (id.isBlank()) {
            throw new IllegalArgumentException("guardian id must not be blank");
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("guardian " + id + " has no channel");
        }
    }
}
