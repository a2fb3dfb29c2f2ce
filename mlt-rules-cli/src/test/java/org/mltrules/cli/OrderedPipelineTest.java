package org.mltrules.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OrderedPipelineTest {

    @Test
    @DisplayName("results come out in input order although later items finish first")
    void inputOrder() throws Exception {
        List<Integer> out = new ArrayList<>();
        try (OrderedPipeline<Integer, Integer> p = new OrderedPipeline<>(4, 16, i -> {
            // earlier items take longer
            LockSupport.parkNanos((1000 - i) * 2_000L);
            return i;
        }, out::add)) {
            for (int i = 0; i < 1000; i++) {
                p.submit(i);
            }
            p.finish();
        }
        assertThat(out).hasSize(1000);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i)).isEqualTo(i);
        }
    }

    @Test
    @DisplayName("never more items in flight than the window: memory stays bounded")
    void boundedWindow() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<Integer> out = new ArrayList<>();
        try (OrderedPipeline<Integer, Integer> p = new OrderedPipeline<>(3, 8, i -> i, r -> {
            inFlight.decrementAndGet();
            out.add(r);
        })) {
            for (int i = 0; i < 5000; i++) {
                max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                p.submit(i);
            }
            p.finish();
        }
        assertThat(out).hasSize(5000);
        assertThat(max.get()).isLessThanOrEqualTo(8 + 1);
    }

    @Test
    @DisplayName("heavy items (big FHIR bundles) are bounded by weight too: two of more than half the budget never"
            + " wait together")
    void boundedWeight() throws Exception {
        AtomicInteger heavyInFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<Integer> out = new ArrayList<>();
        long heavy = OrderedPipeline.MAX_WEIGHT / 2 + 1;
        try (OrderedPipeline<Integer, Integer> p = new OrderedPipeline<>(3, 64, i -> i, r -> {
            if (r % 2 == 0) {
                heavyInFlight.decrementAndGet();
            }
            out.add(r);
        })) {
            for (int i = 0; i < 200; i++) {
                p.submit(i, i % 2 == 0 ? heavy : 0);
                if (i % 2 == 0) {
                    max.accumulateAndGet(heavyInFlight.incrementAndGet(), Math::max);
                }
            }
            p.finish();
        }
        assertThat(out).hasSize(200).isSorted();
        assertThat(max.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("one worker runs everything on the caller's thread")
    void oneWorkerIsInline() throws Exception {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new ArrayList<>();
        try (OrderedPipeline<Integer, Integer> p = new OrderedPipeline<>(1, 1, i -> {
            threads.add(Thread.currentThread());
            return i;
        }, r -> { })) {
            p.submit(1);
            p.submit(2);
            p.finish();
        }
        assertThat(threads).containsOnly(caller);
    }

    @Test
    @DisplayName("a failure in the work reaches the caller unchanged")
    void failuresPropagate() {
        assertThatThrownBy(() -> {
            try (OrderedPipeline<Integer, Integer> p = new OrderedPipeline<>(2, 4, i -> {
                if (i == 3) {
                    throw new IllegalStateException("bug");
                }
                return i;
            }, r -> { })) {
                for (int i = 0; i < 10; i++) {
                    p.submit(i);
                }
                p.finish();
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("bug");
    }
}
