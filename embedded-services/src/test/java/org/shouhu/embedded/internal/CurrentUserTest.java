package org.shouhu.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentUserTest {

    @Test
    void reads_the_effective_uid_from_the_second_field_of_the_uid_line() {
        List<String> status = List.of("Name:\tjava", "Umask:\t0022", "Uid:\t1000\t0\t0\t0", "Gid:\t0\t0\t0\t0");

        assertThat(CurrentUser.effectiveUid(status)).isZero();
    }

    @Test
    void rejects_a_status_without_uid_line() {
        assertThrows(IllegalArgumentException.class, () -> CurrentUser.effectiveUid(List.of("Name:\tjava")));
    }

    @Test
    void runs_tools_through_a_user_namespace_only_as_root() {
        PostgresBinaries binaries = PostgresBinaries.installed();

        assertThat(new PostgresTools(binaries, true).commandLine("initdb", List.of("-V")))
                .containsExactly("unshare", "--user", "--map-user=1000", "--map-group=1000",
                        binaries.program("initdb").toString(), "-V");
        assertThat(new PostgresTools(binaries, false).commandLine("initdb", List.of("-V")))
                .containsExactly(binaries.program("initdb").toString(), "-V");
    }
}
