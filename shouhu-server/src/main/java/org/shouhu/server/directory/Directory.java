package org.shouhu.server.directory;

import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.shouhu.alert.DeviceRecipients;
import org.shouhu.alert.JurisdictionLocator;
import org.shouhu.alert.PoliceJurisdiction;
import org.shouhu.alert.RecipientDirectory;
import org.shouhu.protocol.DeviceId;

/**
 * The live directory: answers from the current snapshot without locks, and swaps in a new snapshot after every
 * change is committed. Thread-safe.
 */
public final class Directory implements RecipientDirectory, JurisdictionLocator {

    private final DirectoryRepository repository;
    private final AtomicReference<DirectorySnapshot> current = new AtomicReference<>(DirectorySnapshot.empty());

    public Directory(DirectoryRepository repository) {
        this.repository = repository;
    }

    /** Reloads from the database. Blocking. */
    public void reload() throws SQLException {
        current.set(new DirectorySnapshot(repository.load()));
    }

    /** Stores the content, then reloads. Blocking. */
    public void upsert(DirectoryContent content) throws SQLException {
        repository.upsert(content);
        reload();
    }

    public DirectorySnapshot snapshot() {
        return current.get();
    }

    @Override
    public Optional<DeviceRecipients> forDevice(DeviceId device) {
        return current.get().forDevice(device);
    }

    @Override
    public Optional<PoliceJurisdiction> locate(double latitude, double longitude) {
        return current.get().locate(latitude, longitude);
    }
}
