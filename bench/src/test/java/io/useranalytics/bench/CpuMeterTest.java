package io.useranalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuMeterTest {
    @Test
    void busyTimeIncludesWorkDoneBetweenSamples() {
        CpuMeter.Sample start = CpuMeter.sample();
        long spinUntil = System.nanoTime() + 400_000_000L;
        long spins = 0;
        while (System.nanoTime() < spinUntil) {
            spins++;
        }
        CpuMeter.Use use = CpuMeter.between(start, CpuMeter.sample());

        assertThat(spins).isPositive();
        assertThat(use.busyCoreSeconds()).isGreaterThanOrEqualTo(0.3);
        assertThat(use.busyShare()).isBetween(0.0, 1.0);
    }

    @Test
    void postgresTimeCountsProcessesAliveAtTheEnd() {
        CpuMeter.Sample start = new CpuMeter.Sample(1_000, 4_000, Map.of(10L, 500L, 11L, 300L));
        // 10 used 2 s more, 11 exited, 12 started and used 0.5 s.
        CpuMeter.Sample end = new CpuMeter.Sample(1_300, 4_400, Map.of(10L, 700L, 12L, 50L));

        CpuMeter.Use use = CpuMeter.between(start, end);

        assertThat(use.postgresSeconds()).isCloseTo(2.5, within(1e-9));
        assertThat(use.busyCoreSeconds()).isCloseTo(3.0, within(1e-9));
        assertThat(use.busyShare()).isCloseTo(0.75, within(1e-9));
    }
}
