package org.shouhu.server.auth;

import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.shouhu.geofence.Rule;
import org.shouhu.geofence.Zone;
import org.shouhu.protocol.DeviceId;
import org.shouhu.server.directory.ChildEntry;
import org.shouhu.server.directory.DirectorySnapshot;

/**
 * Who may see and change which zones and rules. A zone that serves named children tells where those children live
 * and go to school, so it is as private as they are; a zone serving everyone in its area (a school yard, a reservoir)
 * is a public place.
 * <ul>
 *   <li>Administrators see and change everything.</li>
 *   <li>Dispatchers see every zone and rule (they need a child's home and school when answering an SOS) and change
 *       none.</li>
 *   <li>Guardians see public zones and zones serving one of their children, and rules that tell them or cover one of
 *       their children. They change only zones serving nothing but their own children, and rules covering only their
 *       own children and telling only them.</li>
 *   <li>Installers see public zones only and change nothing.</li>
 * </ul>
 * Answers from memory (the directory snapshot): safe on the event loop. Thread-safe.
 */
public final class ZoneVisibility {

    private final Supplier<DirectorySnapshot> directory;

    /** @param directory the current directory snapshot ({@code Directory::snapshot}) */
    public ZoneVisibility(Supplier<DirectorySnapshot> directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    public boolean mayRead(Principal principal, Zone zone) {
        if (principal instanceof Principal.Administrator || principal instanceof Principal.Dispatcher) {
            return true;
        }
        if (zone.children().isEmpty()) {
            return true;
        }
        return principal instanceof Principal.GuardianAccount guardian
                && !Collections.disjoint(zone.children(), devicesOf(guardian));
    }

    public boolean mayChange(Principal principal, Zone zone) {
        if (principal instanceof Principal.Administrator) {
            return true;
        }
        return principal instanceof Principal.GuardianAccount guardian && !zone.children().isEmpty()
                && devicesOf(guardian).containsAll(zone.children());
    }

    public boolean mayRead(Principal principal, Rule rule) {
        if (principal instanceof Principal.Administrator || principal instanceof Principal.Dispatcher) {
            return true;
        }
        return principal instanceof Principal.GuardianAccount guardian
                && (rule.guardians().contains(guardian.guardianId())
                || !Collections.disjoint(rule.devices(), devicesOf(guardian)));
    }

    public boolean mayChange(Principal principal, Rule rule) {
        if (principal instanceof Principal.Administrator) {
            return true;
        }
        return principal instanceof Principal.GuardianAccount guardian
                && rule.guardians().equals(Set.of(guardian.guardianId()))
                && !rule.devices().isEmpty() && devicesOf(guardian).containsAll(rule.devices());
    }

    private Set<DeviceId> devicesOf(Principal.GuardianAccount guardian) {
        Set<DeviceId> devices = new HashSet<>();
        for (ChildEntry child : directory.get().content().children()) {
            if (child.guardianIds().contains(guardian.guardianId())) {
                devices.add(child.device());
            }
        }
        return devices;
    }
}
