package org.shouhu.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartOnceTest {

    @Test
    void starts_the_service_once_and_shares_it() {
        AtomicInteger starts = new AtomicInteger();
        StartOnce<String> service = new StartOnce<>("probe", () -> "service-" + starts.incrementAndGet());

        assertThat(service.get()).isEqualTo("service-1");
        assertThat(service.get()).isEqualTo("service-1");
        assertThat(starts).hasValue(1);
    }

    @Test
    void reports_a_failed_start_with_its_cause_to_every_caller_without_retrying() {
        AtomicInteger starts = new AtomicInteger();
        StartOnce<String> service = new StartOnce<>("the probe service", () -> {
            starts.incrementAndGet();
            throw new IllegalArgumentException("port taken");
        });

        IllegalStateException first = assertThrows(IllegalStateException.class, service::get);
        IllegalStateException second = assertThrows(IllegalStateException.class, service::get);

        assertThat(first).hasMessageContaining("the probe service could not be started: port taken")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(second.getCause()).isSameAs(first.getCause());
        assertThat(starts).hasValue(1);
    }
}
