package org.shouhu.sim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (JVM shutdown) into an interrupt of the running command's thread, and holds the shutdown until the
 * command has stopped its bands and printed its summary (at most 30 s). Create on the command's thread.
 */
final class Interruption {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(Thread worker) {
        this.hook = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shouhu-sim-shutdown");
    }

    static Interruption onShutdown() {
        Interruption interruption = new Interruption(Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(interruption.hook);
        return interruption;
    }

    /** The command is done; shutdown may proceed. */
    void finished() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running; it is waiting for the countdown above.
        }
    }
}
