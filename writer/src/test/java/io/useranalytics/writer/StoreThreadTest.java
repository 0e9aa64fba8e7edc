package io.useranalytics.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoreThreadTest {
    private static final Batch EMPTY = new Batch(List.of(), List.of(), Map.of());

    @Test
    void a_batch_is_stored_on_the_named_thread_while_the_caller_goes_on() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> storedOn = new AtomicReference<>();
        try (StoreThread<Batch> store =
                new StoreThread<>(
                        "test-store",
                        batch -> {
                            storedOn.set(Thread.currentThread().getName());
                            await(release);
                            return 42;
                        })) {
            store.start(EMPTY);

            assertThat(store.isBusy()).isTrue();
            assertThat(store.hasEnded()).isFalse();
            assertThat(store.batch()).isSameAs(EMPTY);
            release.countDown();
            assertThat(store.collect()).isEqualTo(42);
            assertThat(storedOn.get()).isEqualTo("test-store");
            assertThat(store.isBusy()).isFalse();
        }
    }

    @Test
    void a_second_batch_cannot_start_before_the_first_is_collected() throws Exception {
        try (StoreThread<Batch> store = new StoreThread<>("test-store", batch -> 1)) {
            store.start(EMPTY);

            assertThatThrownBy(() -> store.start(EMPTY)).isInstanceOf(IllegalStateException.class);
            assertThat(store.collect()).isEqualTo(1);
            store.start(EMPTY);
            assertThat(store.collect()).isEqualTo(1);
        }
    }

    @Test
    void a_failed_write_is_thrown_to_the_collector() {
        BatchWriteException failure = new BatchWriteException("database down", null);
        try (StoreThread<Batch> store =
                new StoreThread<>(
                        "test-store",
                        batch -> {
                            throw failure;
                        })) {
            store.start(EMPTY);

            assertThatThrownBy(store::collect).isSameAs(failure);
            assertThat(store.isBusy()).isFalse();
        }
    }

    @Test
    void an_interrupted_collector_still_waits_for_the_write_and_keeps_the_interrupt()
            throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (StoreThread<Batch> store =
                new StoreThread<>(
                        "test-store",
                        batch -> {
                            started.countDown();
                            sleep(300);
                            return 7;
                        })) {
            store.start(EMPTY);
            started.await(5, TimeUnit.SECONDS);

            Thread.currentThread().interrupt();
            int stored = store.collect();

            assertThat(Thread.interrupted()).isTrue();
            assertThat(stored).isEqualTo(7);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
