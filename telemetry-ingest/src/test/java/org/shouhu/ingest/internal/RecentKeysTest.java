package org.shouhu.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentKeysTest {

    @Test
    void remembers_added_keys_and_nothing_else() {
        RecentKeys recent = new RecentKeys(1 << 10);
        recent.add(860_000_000_000_001L, 7, 1_700_000_000_000_000L);

        assertThat(recent.mayContain(860_000_000_000_001L, 7, 1_700_000_000_000_000L)).isTrue();
        assertThat(recent.mayContain(860_000_000_000_001L, 8, 1_700_000_000_000_000L)).isFalse();
        assertThat(recent.mayContain(860_000_000_000_001L, 7, 1_700_000_000_000_001L)).isFalse();
        assertThat(recent.mayContain(860_000_000_000_002L, 7, 1_700_000_000_000_000L)).isFalse();
    }

    @Test
    void a_full_table_forgets_older_keys_instead_of_growing() {
        RecentKeys recent = new RecentKeys(1);
        recent.add(1, 1, 1);
        recent.add(2, 2, 2);

        assertThat(recent.mayContain(1, 1, 1)).isFalse();
        assertThat(recent.mayContain(2, 2, 2)).isTrue();
    }

    @Test
    void refuses_a_size_that_is_not_a_power_of_two() {
        assertThatThrownBy(() -> new RecentKeys(1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
