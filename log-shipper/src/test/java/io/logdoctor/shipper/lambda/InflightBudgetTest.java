package io.logdoctor.shipper.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InflightBudgetTest {

    @Test
    void shouldRefuseAtOnceEveryRequestButTheLargestWhenFull() throws InterruptedException {
        InflightBudget budget = new InflightBudget(100, Duration.ofSeconds(30));
        InflightBudget.Claim older = budget.open();
        InflightBudget.Claim newer = budget.open();
        assertTrue(budget.reserve(older, 50));
        assertTrue(budget.reserve(newer, 50));

        long start = System.nanoTime();
        assertFalse(budget.reserve(newer, 10), "a tie goes to the older request");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "the smaller one does not wait its 30 s");
        assertEquals(100, budget.used());
        assertEquals(1, budget.refusals());
    }

    @Test
    void shouldRefuseTheLargestTooWhenNobodyLetsGoInTime() throws InterruptedException {
        InflightBudget budget = new InflightBudget(100, Duration.ofMillis(50));
        InflightBudget.Claim largest = budget.open();
        assertTrue(budget.reserve(largest, 60));
        assertTrue(budget.reserve(budget.open(), 40));
        assertFalse(budget.reserve(largest, 10));
        assertEquals(100, budget.used());
    }

    @Test
    void shouldLetTheLargestGoOnOnceTheOthersAreRefusedAndRelease() throws Exception {
        InflightBudget budget = new InflightBudget(100, Duration.ofSeconds(30));
        InflightBudget.Claim big = budget.open();
        InflightBudget.Claim small = budget.open();
        assertTrue(budget.reserve(small, 40));
        assertTrue(budget.reserve(big, 60));

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve(big, 30);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(budget.reserve(small, 1), "the smaller request is refused");
        budget.close(small);
        assertTrue(waiting.get(10, TimeUnit.SECONDS), "the largest got the bytes the refused one released");
        assertEquals(90, budget.used());
        budget.close(big);
        assertEquals(0, budget.used());
    }

    @Test
    void shouldRefuseAtOnceWhatCannotFitEvenAlone() throws InterruptedException {
        InflightBudget budget = new InflightBudget(100, Duration.ofSeconds(30));
        InflightBudget.Claim claim = budget.open();
        long start = System.nanoTime();
        assertFalse(budget.reserve(claim, 101));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        assertEquals(0, budget.used());
    }
}
