package io.useranalytics.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairsTest {
    @Test
    void ceiling_and_subject_alternate_and_the_verdict_is_the_median_pair() throws Exception {
        List<String> order = new ArrayList<>();
        double[] ceilings = {100, 50, 100};
        double[] subjects = {70, 20, 55};

        Pairs<Double, Double> pairs =
                Pairs.measure(
                        pair -> {
                            order.add("ceiling " + pair);
                            return ceilings[pair - 1];
                        },
                        pair -> {
                            order.add("subject " + pair);
                            return subjects[pair - 1];
                        });

        assertThat(order)
                .containsExactly(
                        "ceiling 1",
                        "subject 1",
                        "ceiling 2",
                        "subject 2",
                        "ceiling 3",
                        "subject 3");
        Ratios ratios = pairs.ratios(Double::doubleValue, Double::doubleValue);
        assertThat(ratios.median()).isEqualTo(0.55);
        assertThat(ratios.percentages()).isEqualTo("55% (pairs: 70%, 40%, 55%)");
        assertThat(ratios.medianIndex()).isEqualTo(2);
    }

    @Test
    void factors_name_what_was_repeated() {
        assertThat(new Ratios(List.of(0.9, 1.1)).factors("rounds"))
                .isEqualTo("0.90x (rounds: 0.90x, 1.10x)");
    }
}
