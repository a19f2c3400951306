package org.shouhu.ingest.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.shouhu.ingest.SosPosition;
import org.shouhu.ingest.SosReceived;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes SOS presses at once, each in its own small transaction on a connection of its own (never queued behind
 * ordinary telemetry): looks up the last known position when the press has none, inserts the {@code sos_presses}
 * row (once per device and sequence), dead-letters the bytes of a damaged frame, and moves {@code device_latest}
 * forward when the press carried a newer fix. Calls are serialised on one dedicated thread; thread-safe.
 */
public final class SosStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SosStore.class);

    private static final String LAST_KNOWN = """
            SELECT fix_time, lat, lon, accuracy_m, source FROM device_latest
            WHERE device_id = ? AND fix_time IS NOT NULL""";

    private static final String INSERT_SOS = """
            INSERT INTO sos_presses (device_id, seq, pressed_at, received_at, reported_fix_time, reported_lat,
                reported_lon, reported_accuracy_m, reported_source, position_lat, position_lon, position_accuracy_m,
                position_fix_time, position_source, position_last_known, position_age_ms, press_age_ms, late, battery,
                corrupt_frame)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id, seq) DO NOTHING
            RETURNING id""";

    private static final String LINK_DEAD_LETTER = "UPDATE sos_presses SET dead_letter_id = ? WHERE id = ?";

    private static final String UPSERT_LATEST_FIX = """
            INSERT INTO device_latest AS d (device_id, fix_time, fix_seq, lat, lon, accuracy_m, source,
                                            fix_received_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device_id) DO UPDATE SET
                fix_time = excluded.fix_time, fix_seq = excluded.fix_seq, lat = excluded.lat, lon = excluded.lon,
                accuracy_m = excluded.accuracy_m, source = excluded.source,
                fix_received_at = excluded.fix_received_at, updated_at = excluded.updated_at
            WHERE d.fix_time IS NULL OR excluded.fix_time > d.fix_time""";

    /**
     * The outcome of storing one SOS.
     *
     * @param received  the SOS with the position to use filled in (the last known one if the press had none)
     * @param duplicate whether this device and sequence had been stored before (a redelivery or a resend)
     * @param started   when the writer thread began the transaction ({@link System#nanoTime()})
     * @param commitStarted when the statements were done and the commit was sent
     * @param committed when the commit returned
     */
    public record Stored(SosReceived received, boolean duplicate, long started, long commitStarted, long committed) {
    }

    /**
     * An SOS on its way into the database.
     *
     * @param located completes with the SOS and the position to use as soon as that is known: at once when the
     *                press carried a position, after the last-known lookup otherwise; in both cases before the row
     *                is committed. Fails when the write fails first.
     * @param stored  completes when the row is committed; fails with the database error
     */
    public record Pending(CompletableFuture<SosReceived> located, CompletableFuture<Stored> stored) {
    }

    private final DataSource dataSource;
    private final ExecutorService executor;
    private Connection connection;

    public SosStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-sos-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the connection and runs the last-known-position query once, in the background, so that the first SOS
     * after start does not pay for them. A failure here costs nothing: the first SOS opens the connection again.
     */
    public void warmUp() {
        executor.execute(() -> {
            try {
                Connection db = connection();
                try (PreparedStatement query = db.prepareStatement(LAST_KNOWN)) {
                    query.setLong(1, 0);
                    query.executeQuery().close();
                }
                db.rollback();
            } catch (SQLException e) {
                LOG.debug("warming up the SOS connection failed; the first SOS will open it", e);
                closeConnection();
            }
        });
    }

    /** Stores one SOS; the futures fail with the database error when the write failed (the caller retries). */
    public Pending store(SosCandidate candidate, SosReceived initial) {
        CompletableFuture<SosReceived> located = new CompletableFuture<>();
        if (initial.position().isPresent()) {
            located.complete(initial);
        }
        CompletableFuture<Stored> stored = CompletableFuture.supplyAsync(() -> {
            try {
                return write(candidate, initial, located);
            } catch (SQLException e) {
                closeConnection();
                throw new java.util.concurrent.CompletionException(e);
            }
        }, executor);
        stored.whenComplete((ignored, failure) -> {
            if (failure != null) {
                located.completeExceptionally(failure);
            }
        });
        return new Pending(located, stored);
    }

    private Stored write(SosCandidate candidate, SosReceived initial, CompletableFuture<SosReceived> located)
            throws SQLException {
        long started = System.nanoTime();
        Connection db = connection();
        try {
            SosReceived received = initial.position().isPresent() ? initial
                    : withLastKnown(initial, lastKnown(db, initial));
            located.complete(received);
            Optional<Long> id = insert(db, received);
            if (id.isPresent() && candidate instanceof SosCandidate.Corrupt corrupt) {
                long deadLetter = deadLetter(db, corrupt);
                try (PreparedStatement link = db.prepareStatement(LINK_DEAD_LETTER)) {
                    link.setLong(1, deadLetter);
                    link.setLong(2, id.get());
                    link.executeUpdate();
                }
            }
            if (received.reportedFix().hasPosition()) {
                moveLatestForward(db, received);
            }
            long commitStarted = System.nanoTime();
            db.commit();
            return new Stored(received, id.isEmpty(), started, commitStarted, System.nanoTime());
        } catch (SQLException | RuntimeException e) {
            BatchTransaction.rollbackQuietly(db, e);
            throw e;
        }
    }

    private static Optional<SosPosition> lastKnown(Connection db, SosReceived sos) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(LAST_KNOWN)) {
            query.setLong(1, sos.device().imei());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Instant fixTime = row.getObject(1, OffsetDateTime.class).toInstant();
                return Optional.of(new SosPosition(row.getDouble(2), row.getDouble(3), row.getInt(4), fixTime,
                        FixSource.fromCode(row.getShort(5)), true, Duration.between(fixTime, sos.receivedAt())));
            }
        }
    }

    private static SosReceived withLastKnown(SosReceived sos, Optional<SosPosition> position) {
        return new SosReceived(sos.device(), sos.sequence(), sos.pressedAt(), sos.receivedAt(), sos.reportedFix(),
                position, sos.pressAge(), sos.late(), sos.battery(), sos.rejection());
    }

    private static Optional<Long> insert(Connection db, SosReceived sos) throws SQLException {
        Fix fix = sos.reportedFix();
        boolean reported = fix.hasPosition();
        try (PreparedStatement insert = db.prepareStatement(INSERT_SOS)) {
            insert.setLong(1, sos.device().imei());
            insert.setLong(2, sos.sequence());
            insert.setObject(3, BatchTransaction.utc(sos.pressedAt()));
            insert.setObject(4, BatchTransaction.utc(sos.receivedAt()));
            setNullable(insert, 5, reported ? BatchTransaction.utc(fix.time()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
            setNullable(insert, 6, reported ? fix.latitude() : null, Types.DOUBLE);
            setNullable(insert, 7, reported ? fix.longitude() : null, Types.DOUBLE);
            setNullable(insert, 8, reported ? fix.accuracyMetres() : null, Types.INTEGER);
            insert.setShort(9, (short) fix.source().code());
            SosPosition position = sos.position().orElse(null);
            boolean has = position != null;
            setNullable(insert, 10, has ? position.latitude() : null, Types.DOUBLE);
            setNullable(insert, 11, has ? position.longitude() : null, Types.DOUBLE);
            setNullable(insert, 12, has ? position.accuracyMetres() : null, Types.INTEGER);
            setNullable(insert, 13, has ? BatchTransaction.utc(position.fixTime()) : null,
                    Types.TIMESTAMP_WITH_TIMEZONE);
            setNullable(insert, 14, has ? (short) position.source().code() : null, Types.SMALLINT);
            setNullable(insert, 15, has ? position.lastKnown() : null, Types.BOOLEAN);
            setNullable(insert, 16, has ? position.age().toMillis() : null, Types.BIGINT);
            insert.setLong(17, sos.pressAge().toMillis());
            insert.setBoolean(18, sos.late());
            setNullable(insert, 19, sos.battery().isPresent() ? (short) sos.battery().getAsInt() : null,
                    Types.SMALLINT);
            insert.setBoolean(20, sos.corruptFrame());
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private static long deadLetter(Connection db, SosCandidate.Corrupt corrupt) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(BatchTransaction.INSERT_DEAD_LETTER + " RETURNING id")) {
            BatchTransaction.bindDeadLetter(insert, corrupt.message(), corrupt.problem().reason().name(),
                    corrupt.problem().getMessage(), corrupt.problem().offset());
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static void moveLatestForward(Connection db, SosReceived sos) throws SQLException {
        Fix fix = sos.reportedFix();
        try (PreparedStatement upsert = db.prepareStatement(UPSERT_LATEST_FIX)) {
            upsert.setLong(1, sos.device().imei());
            upsert.setObject(2, BatchTransaction.utc(fix.time()));
            upsert.setLong(3, sos.sequence());
            upsert.setDouble(4, fix.latitude());
            upsert.setDouble(5, fix.longitude());
            upsert.setInt(6, fix.accuracyMetres());
            upsert.setShort(7, (short) fix.source().code());
            upsert.setObject(8, BatchTransaction.utc(sos.receivedAt()));
            upsert.setObject(9, BatchTransaction.utc(sos.receivedAt()));
            upsert.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement statement, int index, Object value, int sqlType)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
        } else {
            statement.setObject(index, value);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection fresh = dataSource.getConnection();
            fresh.setAutoCommit(false);
            connection = fresh;
        }
        return connection;
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a failed connection", e);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        executor.execute(this::closeConnection);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
