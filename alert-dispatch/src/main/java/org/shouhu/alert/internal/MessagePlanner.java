package org.shouhu.alert.internal;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.ChannelAddress;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.Guardian;
import org.shouhu.alert.MessageKind;

/**
 * Decides which outbox rows a step of an alert's life creates: who is told, over which channels, at which
 * escalation level, with which priority; and renders their bodies. Pure apart from rendering. Thread-safe.
 */
public final class MessagePlanner {

    /** Lower is more urgent. */
    static final int PRIORITY_ESCALATED = 0;
    static final int PRIORITY_SOS = 10;
    static final int PRIORITY_DEVICE = 15;
    static final int PRIORITY_FOLLOW_UP = 20;
    static final int PRIORITY_ZONE = 50;

    private final AlertDispatchConfig config;
    private final MessageRenderer renderer;

    public MessagePlanner(AlertDispatchConfig config, MessageRenderer renderer) {
        this.config = Objects.requireNonNull(config, "config");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * The rows of a new alert. SOS: every guardian and the police at once. Zone alerts: guardian i at escalation
     * level i (only the first released now), then the police at the level after the last guardian if the policy
     * says so. Each recipient's first channel is PENDING, the others STANDBY.
     */
    public List<OutboxEntry> initial(StoredAlert alert, List<Guardian> guardians, Instant now) {
        AlertSnapshot snapshot = alert.snapshot();
        boolean sos = snapshot.kind() == AlertKind.SOS;
        int priority = sos ? PRIORITY_SOS : PRIORITY_ZONE;
        List<OutboxEntry> entries = new ArrayList<>();
        for (int g = 0; g < guardians.size(); g++) {
            Guardian guardian = guardians.get(g);
            int level = sos ? 0 : g;
            List<OutboxRepository.Channel> channels = new ArrayList<>();
            for (int c = 0; c < guardian.channels().size(); c++) {
                ChannelAddress address = guardian.channels().get(c);
                channels.add(new OutboxRepository.Channel(address instanceof ChannelAddress.Sms
                        ? ChannelKind.SMS : ChannelKind.WEBHOOK, c, address.address()));
            }
            OutboxRepository.Recipient recipient = new OutboxRepository.Recipient("guardian:" + guardian.id(),
                    guardian.name(), guardian.language(), level, level == 0, channels);
            entries.addAll(forRecipient(snapshot, recipient, MessageKind.ALERT, 1, priority, now, ""));
        }
        if (sos || config.policy(snapshot.kind()).escalateToPolice()) {
            entries.addAll(forRecipient(snapshot, police(alert, sos ? 0 : guardians.size()), MessageKind.ALERT, 1,
                    priority, now, ""));
        }
        return entries;
    }

    /** The police as a recipient: the jurisdiction's endpoint, then the fallback endpoint if it is another. */
    OutboxRepository.Recipient police(StoredAlert alert, int level) {
        List<OutboxRepository.Channel> channels = new ArrayList<>();
        channels.add(new OutboxRepository.Channel(ChannelKind.CAP, 0, alert.policeEndpoint().toString()));
        URI fallback = config.fallbackPolice();
        if (!fallback.equals(alert.policeEndpoint())) {
            channels.add(new OutboxRepository.Channel(ChannelKind.CAP, 1, fallback.toString()));
        }
        return new OutboxRepository.Recipient(alert.policeKey(), alert.snapshot().policeName(), config.capLanguage(),
                level, level == 0, channels);
    }

    /** A follow-up message (Update, Cancel) to one recipient over all its channels, released at once. */
    public List<OutboxEntry> followUp(AlertSnapshot alert, OutboxRepository.Recipient recipient, MessageKind message,
                                      int number, int priority, Instant now, String actor) {
        OutboxRepository.Recipient released = new OutboxRepository.Recipient(recipient.key(), recipient.name(),
                recipient.language(), 0, true, recipient.channels());
        return forRecipient(alert, released, message, number, priority, now, actor).stream()
                .map(e -> new OutboxEntry(e.alertId(), e.recipientKey(), e.recipientName(), e.language(),
                        e.messageKind(), e.messageNumber(), e.channelKind(), e.channelRank(), e.address(),
                        e.contentType(), e.body(), recipient.escalationLevel(), e.priority(), e.status(),
                        e.createdAt(), e.fixTime()))
                .toList();
    }

    /** "Help is coming" to the wristband of an acknowledged SOS. */
    public OutboxEntry deviceAcknowledgement(AlertSnapshot alert, Instant now) {
        MessageRenderer.Rendered rendered = renderer.render(alert, MessageKind.ACKNOWLEDGED, 1, ChannelKind.DEVICE,
                alert.device().toString(), config.capLanguage(), now, "");
        return new OutboxEntry(alert.id(), "device", alert.device().toString(), config.capLanguage(),
                MessageKind.ACKNOWLEDGED, 1, ChannelKind.DEVICE, 0, alert.device().toString(),
                rendered.contentType(), rendered.body(), 0, PRIORITY_DEVICE, OutboxStatus.PENDING, now, null);
    }

    private List<OutboxEntry> forRecipient(AlertSnapshot alert, OutboxRepository.Recipient recipient,
                                           MessageKind message, int number, int priority, Instant now, String actor) {
        List<OutboxEntry> entries = new ArrayList<>();
        for (OutboxRepository.Channel channel : recipient.channels()) {
            MessageRenderer.Rendered rendered = renderer.render(alert, message, number, channel.kind(),
                    channel.address(), recipient.language(), now, actor);
            OutboxStatus status = recipient.escalationLevel() > 0 && !recipient.told() ? OutboxStatus.HELD
                    : channel.rank() == 0 ? OutboxStatus.PENDING : OutboxStatus.STANDBY;
            entries.add(new OutboxEntry(alert.id(), recipient.key(), recipient.name(), recipient.language(), message,
                    number, channel.kind(), channel.rank(), channel.address(), rendered.contentType(),
                    rendered.body(), recipient.escalationLevel(), priority, status, now,
                    alert.position().map(p -> p.fixTime()).orElse(null)));
        }
        return entries;
    }

    /** Renders one follow-up body, for coalescing into a row not yet sent. */
    public String body(AlertSnapshot alert, OutboxRepository.Recipient recipient, OutboxRepository.Channel channel,
                       MessageKind message, int number, Instant now) {
        return renderer.render(alert, message, number, channel.kind(), channel.address(), recipient.language(), now,
                "").body();
    }
}
