package org.shouhu.ingest.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer of ordinary telemetry: takes classified messages from a bounded queue, groups them into batches (up to
 * {@code maxMessages}, or what arrived without a pause, for at most {@code linger} after the first), writes each
 * batch in one transaction, and hands the committed batch to {@code onCommitted} (which acknowledges the messages).
 * {@code lanes} threads take batches, each from its own queue (a device always maps to the same lane) and with its
 * own JDBC connection, so that the next batch is written while the previous one commits: acknowledgement waits for
 * the commit, and a commit is mostly waiting (for the WAL flush), during which the broker sends nothing new once its
 * windows are used up.
 *
 * <p>A failed commit is retried with backoff until it succeeds or the writer is stopped; nothing of an uncommitted
 * batch is acknowledged, so the broker redelivers it. A batch the database refuses for its data (SQLState classes
 * 22 and 23) is split into single messages, and a message that is refused alone is dead-lettered with reason
 * {@value BatchTransaction#STORAGE_REJECTED}, so one bad row never stalls the stream. Lanes may commit in any order
 * relative to each other; the writes are order-independent (newest-wins updates, insert-once rows).
 *
 * <p>{@link #offer} is thread-safe and never blocks; everything else runs on the lanes' own threads.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    /**
     * A pause in arrivals this long ends a batch before its linger is up. Half a millisecond was too short on a busy
     * machine: arrivals pause that long whenever an event loop waits for a core, and batches of 10 to 20 fixes cost
     * the database two to three times the CPU per fix of batches of 100 or more (docs/ingest.md).
     */
    static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /**
     * How often a batch that is not closed yet looks for more messages. The writer sleeps between looks rather than
     * waiting on the queue, so that arriving messages do not wake it one by one; a batch therefore closes after a
     * pause of {@link #QUIET_NANOS} to {@code QUIET_NANOS + POLL_NANOS}.
     */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Position keys each lane remembers (24 bytes each): several seconds of a lane's traffic at full rate. */
    static final int RECENT_KEYS = 1 << 16;

    private final DataSource dataSource;
    private final IngestMetrics metrics;
    private final int maxMessages;
    private final long lingerNanos;
    private final Duration retryMax;
    private final Consumer<CommittedBatch> onCommitted;
    private final List<Lane> lanes = new ArrayList<>();
    private final CompletableFuture<Void> stopped;
    private volatile boolean stopping;
    private volatile long stopDeadlineNanos;

    /** A writer with one lane. */
    public BatchWriter(DataSource dataSource, IngestMetrics metrics, int maxMessages, Duration linger, int capacity,
                       Duration retryMax, Consumer<CommittedBatch> onCommitted) {
        this(dataSource, metrics, maxMessages, linger, capacity, retryMax, 1, onCommitted);
    }

    /** @param lanes batches written concurrently, each on its own connection taken from {@code dataSource} */
    public BatchWriter(DataSource dataSource, IngestMetrics metrics, int maxMessages, Duration linger, int capacity,
                       Duration retryMax, int lanes, Consumer<CommittedBatch> onCommitted) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.maxMessages = maxMessages;
        this.lingerNanos = linger.toNanos();
        this.retryMax = Objects.requireNonNull(retryMax, "retryMax");
        this.onCommitted = Objects.requireNonNull(onCommitted, "onCommitted");
        if (lanes < 1) {
            throw new IllegalArgumentException("a writer needs at least one lane: " + lanes);
        }
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        int laneCapacity = Math.max(1, (capacity + lanes - 1) / lanes);
        for (int i = 0; i < lanes; i++) {
            Lane lane = new Lane("ingest-batch-writer-" + i, laneCapacity);
            this.lanes.add(lane);
            ends.add(lane.stopped);
        }
        this.stopped = CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
        metrics.queueDepth(this::depth);
    }

    public void start() {
        lanes.forEach(lane -> lane.thread.start());
    }

    /** @return false when the queue is full; the message is then not taken and must be left unacknowledged */
    public boolean offer(Classified item) {
        return !stopping && laneOf(item).queue.offer(item);
    }

    public int depth() {
        int depth = 0;
        for (Lane lane : lanes) {
            depth += lane.queue.size();
        }
        return depth;
    }

    public int capacity() {
        int capacity = 0;
        for (Lane lane : lanes) {
            capacity += lane.queue.size() + lane.queue.remainingCapacity();
        }
        return capacity;
    }

    /**
     * A device's messages always go to the same lane. Lanes then never write the same device's rows at once, so
     * their transactions cannot deadlock on {@code device_latest}, and one device's fixes commit in arrival order.
     */
    private Lane laneOf(Classified item) {
        int key = item instanceof Classified.Accepted accepted ? Long.hashCode(accepted.uplink().deviceId().imei())
                : item.message().topic().hashCode();
        return lanes.get(Math.floorMod(key * 0x9E3779B9, lanes.size()));
    }

    /**
     * Stops taking messages, writes what is queued for at most {@code timeout}, then ends the lanes. Messages not
     * committed by then stay unacknowledged.
     */
    public CompletableFuture<Void> stop(Duration timeout) {
        stopDeadlineNanos = System.nanoTime() + timeout.toNanos();
        stopping = true;
        for (Lane lane : lanes) {
            if (!lane.thread.isAlive()) {
                lane.stopped.complete(null);
            }
        }
        return stopped;
    }

    /**
     * Takes what is queued, up to {@code maxMessages}. A batch that is not full waits for more only while messages
     * keep arriving (a pause of {@link #QUIET_NANOS}, seen at the next look, closes it) and never longer than the
     * linger after its first message. Waiting for a full batch would be wasted: the broker sends each connection a bounded window of
     * unacknowledged messages and acknowledgement waits for the commit, so once the windows are used up nothing
     * more arrives until a batch is written.
     */
    private List<Classified> nextBatch(BlockingQueue<Classified> queue) throws InterruptedException {
        List<Classified> batch = new ArrayList<>(Math.min(maxMessages, 1024));
        Classified first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long now = System.nanoTime();
        long deadline = now + lingerNanos;
        long lastArrival = now;
        while (batch.size() < maxMessages) {
            if (queue.drainTo(batch, maxMessages - batch.size()) > 0) {
                lastArrival = System.nanoTime();
                continue;
            }
            now = System.nanoTime();
            long remaining = Math.min(deadline - now, lastArrival + QUIET_NANOS - now);
            if (remaining <= 0 || stopping) {
                break;
            }
            // Sleeps instead of waiting on the queue: a waiting writer is woken by every message that arrives, a
            // futex call on the event loop and a context switch for each, which cost more CPU than the message.
            LockSupport.parkNanos(Math.min(remaining, POLL_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return batch;
    }

    private boolean pastDeadline() {
        return System.nanoTime() - stopDeadlineNanos > 0;
    }

    /** One thread with one connection, writing one batch at a time. */
    private final class Lane {
        private final BlockingQueue<Classified> queue;
        private final Thread thread;
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        /** Keys this lane committed lately: a batch with none of them is written straight into positions. */
        private final RecentKeys recent = new RecentKeys(RECENT_KEYS);
        private Connection connection;

        Lane(String name, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this::run, name);
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                while (!stopping || (!queue.isEmpty() && !pastDeadline())) {
                    List<Classified> batch = nextBatch(queue);
                    if (!batch.isEmpty()) {
                        writeWithRetry(batch);
                    }
                }
                int left = queue.size();
                if (left > 0) {
                    LOG.warn("stopped with {} messages not committed; the broker will redeliver them", left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                LOG.error("batch writer failed; unacknowledged messages will be redelivered", e);
            } finally {
                closeConnection();
                stopped.complete(null);
            }
        }

        private void writeWithRetry(List<Classified> batch) throws InterruptedException {
            Backoff backoff = new Backoff(Duration.ofMillis(50), retryMax);
            boolean firstAttempt = true;
            while (true) {
                try {
                    // Written again after a failure, a batch may find its rows stored (a commit whose outcome was
                    // lost): it goes through the staging table, which expects that.
                    commit(batch, firstAttempt);
                    return;
                } catch (SQLException e) {
                    if (BatchTransaction.isDataError(e)) {
                        if (batch.size() > 1) {
                            LOG.warn("database refused a batch of {} ({}); writing its messages one by one",
                                    batch.size(), e.getMessage());
                            for (Classified single : batch) {
                                writeWithRetry(List.of(single));
                            }
                        } else {
                            deadLetterWithRetry(batch.get(0).message(), e);
                        }
                        return;
                    }
                    handleFailure(e, backoff, batch.size());
                } catch (RuntimeException e) {
                    handleFailure(e, backoff, batch.size());
                }
                firstAttempt = false;
                if (stopping && pastDeadline()) {
                    LOG.warn("abandoning a batch of {} messages at shutdown; the broker will redeliver them",
                            batch.size());
                    return;
                }
                Thread.sleep(backoff.nextDelayMillis());
            }
        }

        private void commit(List<Classified> batch, boolean directAllowed) throws SQLException {
            long start = System.nanoTime();
            BatchTransaction.Outcome outcome = BatchTransaction.write(connection(), batch, StagingCopy.Format.BINARY,
                    directAllowed ? recent : null);
            metrics.batchCommit.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.batchSize.record(batch.size());
            CommittedBatch committed = outcome.batch();
            metrics.positionsStored.increment(committed.positions().size());
            metrics.positionsDuplicates.increment(outcome.positionsStaged() - committed.positions().size());
            metrics.statusesStored.increment(committed.statuses().size());
            if (!outcome.direct() && outcome.positionsStaged() > 0) {
                metrics.batchStaged.increment();
            }
            onCommitted.accept(committed);
        }

        private void deadLetterWithRetry(InboundMessage message, SQLException cause) throws InterruptedException {
            LOG.error("database refused the message on {}; dead-lettering it: {}", message.topic(),
                    cause.getMessage());
            Backoff backoff = new Backoff(Duration.ofMillis(50), retryMax);
            while (true) {
                try {
                    BatchTransaction.writeStorageRejected(connection(), message, cause);
                    metrics.rejected(BatchTransaction.STORAGE_REJECTED);
                    onCommitted.accept(new CommittedBatch(List.of(message), List.of(), List.of()));
                    return;
                } catch (SQLException | RuntimeException e) {
                    handleFailure(e, backoff, 1);
                }
                if (stopping && pastDeadline()) {
                    return;
                }
                Thread.sleep(backoff.nextDelayMillis());
            }
        }

        private void handleFailure(Exception e, Backoff backoff, int size) {
            metrics.batchFailures.increment();
            // A deadlock or serialization failure (class 40) was rolled back and leaves the connection usable.
            if (!(e instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40"))) {
                closeConnection();
            }
            if (backoff.failures() % 20 == 0) {
                LOG.error("writing a batch of {} failed (attempt {}); retrying: {}", size, backoff.failures() + 1,
                        e.toString());
            }
        }

        private Connection connection() throws SQLException {
            if (connection == null) {
                Connection fresh = dataSource.getConnection();
                try {
                    fresh.setAutoCommit(false);
                    StagingCopy.createTable(fresh);
                } catch (SQLException e) {
                    fresh.close();
                    throw e;
                }
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
    }
}
