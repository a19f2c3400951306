package org.shouhu.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.embedded.internal.CurrentUser;
import org.shouhu.embedded.internal.PostmasterLock;
import org.shouhu.support.db.DatabaseSettings;

class EmbeddedPostgresTest {

    @TempDir
    static Path sharedDir;
    /** One server for the tests that do not stop, kill or restart theirs. */
    static EmbeddedPostgres shared;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSharedServer() {
        shared = EmbeddedPostgres.start(sharedDir.resolve("data"), 0);
    }

    @AfterAll
    static void stopSharedServer() {
        shared.close();
    }

    @Test
    void starts_a_real_postgres_16_that_answers_sql_even_when_the_jvm_runs_as_root() throws Exception {
        EmbeddedPostgres postgres = shared;
        assertThat(postgres.port()).isPositive();
        assertThat(scalar(postgres.settings("postgres"), "SHOW server_version_num")).startsWith("16");
        assertThat(scalar(postgres.settings("postgres"), "SELECT current_user")).isEqualTo("postgres");
        assertThat(scalar(postgres.settings("postgres"), "SHOW fsync")).isEqualTo("on");
        assertThat(ProcessHandle.of(postgres.postmasterPid())).isPresent();
        if (CurrentUser.isRoot()) {
            // Outside its user namespace the server belongs to the JVM's own user.
            assertThat(ProcessHandle.of(postgres.postmasterPid()).orElseThrow().info().user()).contains("root");
        }
    }

    @Test
    void keeps_committed_rows_across_stop_and_start_on_the_same_data_directory() throws Exception {
        Path data = temp.resolve("data");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data, 0)) {
            execute(postgres.settings("postgres"), "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (7)");
        }
        try (EmbeddedPostgres restarted = EmbeddedPostgres.start(data, 0)) {
            assertThat(scalar(restarted.settings("postgres"), "SELECT id FROM kept")).isEqualTo("7");
        }
    }

    @Test
    void restarts_with_data_after_the_postmaster_was_killed_leaving_a_stale_lock_file() throws Exception {
        Path data = temp.resolve("data");
        EmbeddedPostgres killed = EmbeddedPostgres.start(data, 0);
        execute(killed.settings("postgres"), "CREATE TABLE survivor (id int)", "INSERT INTO survivor VALUES (42)");
        ProcessHandle postmaster = ProcessHandle.of(killed.postmasterPid()).orElseThrow();
        assertThat(postmaster.destroyForcibly()).isTrue();
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        assertThat(data.resolve("postmaster.pid")).exists();

        try (EmbeddedPostgres recovered = EmbeddedPostgres.start(data, 0)) {
            assertThat(recovered.postmasterPid()).isNotEqualTo(killed.postmasterPid());
            assertThat(scalar(recovered.settings("postgres"), "SELECT id FROM survivor")).isEqualTo("42");
            killed.close(); // must not stop the new server, which is not its own
            assertThat(scalar(recovered.settings("postgres"), "SELECT count(*) FROM survivor")).isEqualTo("1");
        }
    }

    @Test
    void takes_over_the_data_directory_of_a_killed_jvm_whose_server_kept_running() throws Exception {
        Path data = temp.resolve("data");
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerOwningProcess.class.getName(), data.toString())
                .redirectErrorStream(true)
                .start();
        try {
            long orphanPid = readyPostmasterPid(owner);
            Path orphanSocketDir = PostmasterLock.read(data).orElseThrow().socketDir().orElseThrow();

            EmbeddedServiceException refused = assertThrows(EmbeddedServiceException.class,
                    () -> EmbeddedPostgres.start(data, 0, Duration.ofMillis(500)));
            assertThat(refused.getMessage()).contains("in use by running server process " + orphanPid);

            owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(orphanPid)).isPresent(); // the crashed JVM's server runs on

            try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data, 0)) {
                assertThat(postgres.postmasterPid()).isNotEqualTo(orphanPid);
                assertThat(postgres.port()).isPositive();
                // pg_ctl returns once the lock file is gone; the process itself ends a moment later.
                ProcessHandle orphan = ProcessHandle.of(orphanPid).orElse(null);
                if (orphan != null) {
                    orphan.onExit().get(10, TimeUnit.SECONDS);
                }
                assertThat(scalar(postgres.settings("postgres"), "SELECT id FROM alerts")).isEqualTo("1");
                assertThat(orphanSocketDir).doesNotExist();
            }
        } finally {
            owner.destroyForcibly();
        }
    }

    private static long readyPostmasterPid(Process process) throws IOException {
        java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                return Long.parseLong(line.substring("READY ".length()).trim());
            }
            output.append(line).append('\n');
        }
        throw new AssertionError("the server-owning process ended without starting its server:\n" + output);
    }

    @Test
    void starts_when_the_stale_lock_file_names_a_live_process_that_is_not_postgres() throws Exception {
        Path data = temp.resolve("data");
        EmbeddedPostgres.start(data, 0).close();
        // A reused process id: this JVM is alive but is no PostgreSQL server.
        Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data + "\n");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(data, 0)) {
            assertThat(scalar(postgres.settings("postgres"), "SELECT 1")).isEqualTo("1");
        }
    }

    @Test
    void refuses_a_second_server_on_a_data_directory_already_served_in_this_jvm() {
        assertThrows(IllegalStateException.class, () -> EmbeddedPostgres.start(shared.dataDirectory(), 0));
    }

    @Test
    void reports_the_end_of_the_server_log_when_the_port_is_taken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedServiceException failure = assertThrows(EmbeddedServiceException.class,
                    () -> EmbeddedPostgres.start(temp.resolve("data"), taken.getLocalPort()));
            assertThat(failure.getMessage())
                    .contains("port " + taken.getLocalPort())
                    .contains("could not bind");
        }
    }

    @Test
    void refuses_a_non_empty_directory_that_is_not_a_data_directory() throws IOException {
        Path notData = Files.createDirectories(temp.resolve("photos"));
        Files.writeString(notData.resolve("child.jpg"), "not a database");

        EmbeddedServiceException failure = assertThrows(EmbeddedServiceException.class,
                () -> EmbeddedPostgres.start(notData, 0));

        assertThat(failure.getMessage()).contains("neither empty nor a PostgreSQL data directory");
        assertThat(notData.resolve("child.jpg")).hasContent("not a database");
    }

    @Test
    void creates_a_database_once_and_accepts_the_same_request_again() throws Exception {
        EmbeddedPostgres postgres = shared;
        postgres.createDatabase("shouhu_demo");
        execute(postgres.settings("shouhu_demo"), "CREATE TABLE guardians (id int)");
        postgres.createDatabase("shouhu_demo");

        assertThat(scalar(postgres.settings("shouhu_demo"), "SELECT count(*) FROM guardians")).isEqualTo("0");
        assertThat(postgres.settings("shouhu_demo").jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/shouhu_demo");
    }

    @Test
    void rejects_database_names_that_are_not_plain_identifiers() {
        assertThrows(IllegalArgumentException.class, () -> shared.createDatabase("x\"; DROP DATABASE postgres"));
        assertThrows(IllegalArgumentException.class, () -> shared.settings("Upper"));
    }

    @Test
    void rejects_ports_outside_the_tcp_range() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedPostgres.start(temp.resolve("data"), 70_000));
    }

    static String scalar(DatabaseSettings settings, String sql) throws SQLException {
        try (Connection connection = connect(settings);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).as("a row from %s", sql).isTrue();
            return rows.getString(1);
        }
    }

    static void execute(DatabaseSettings settings, String... statements) throws SQLException {
        try (Connection connection = connect(settings); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static Connection connect(DatabaseSettings settings) throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
    }
}
