package org.shouhu.server.auth;

import java.util.Objects;

/**
 * A signed-in account and what it is allowed to see. The kinds are closed: an administrator sees everything; a
 * police dispatcher sees the devices currently in one jurisdiction and every alert in it; a guardian sees only the
 * children the directory lists them as guardian of; an installer sees no locations at all.
 */
public sealed interface Principal {

    String username();

    Role role();

    /** The alert audit trail's name for this account. */
    org.shouhu.alert.Actor actor();

    record Administrator(String username) implements Principal {
        public Administrator {
            Objects.requireNonNull(username, "username");
        }

        @Override
        public org.shouhu.alert.Actor actor() {
            return org.shouhu.alert.Actor.operator(username);
        }

        @Override
        public Role role() {
            return Role.ADMINISTRATOR;
        }
    }

    /** A police dispatcher of one jurisdiction (directory id). */
    record Dispatcher(String username, String jurisdictionId) implements Principal {
        public Dispatcher {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(jurisdictionId, "jurisdictionId");
        }

        @Override
        public org.shouhu.alert.Actor actor() {
            return org.shouhu.alert.Actor.police(username);
        }

        @Override
        public Role role() {
            return Role.DISPATCHER;
        }
    }

    /** A guardian (directory id) signed in with their own account. */
    record GuardianAccount(String username, String guardianId) implements Principal {
        public GuardianAccount {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(guardianId, "guardianId");
        }

        @Override
        public org.shouhu.alert.Actor actor() {
            return org.shouhu.alert.Actor.guardian(guardianId);
        }

        @Override
        public Role role() {
            return Role.GUARDIAN;
        }
    }

    /** Fits and checks wristbands; sees no locations. */
    record Installer(String username) implements Principal {
        public Installer {
            Objects.requireNonNull(username, "username");
        }

        @Override
        public org.shouhu.alert.Actor actor() {
            return org.shouhu.alert.Actor.operator(username);
        }

        @Override
        public Role role() {
            return Role.INSTALLER;
        }
    }
}
