package org.shouhu.embedded;

import java.nio.file.Path;

/**
 * The main class of a separate JVM that starts an embedded PostgreSQL on the data directory given as its argument,
 * writes a row, says {@code READY} and waits to be killed: a demo process that crashes and leaves its server behind.
 */
public final class ServerOwningProcess {

    private ServerOwningProcess() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), 0);
        EmbeddedPostgresTest.execute(postgres.settings("postgres"),
                "CREATE TABLE alerts (id int)", "INSERT INTO alerts VALUES (1)");
        System.out.println("READY " + postgres.postmasterPid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
