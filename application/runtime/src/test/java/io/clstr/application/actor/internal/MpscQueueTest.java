package io.clstr.application.actor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MpscQueueTest {

    record Item(int producer, int sequence) {
    }

    @Test
    void keeps_each_producers_order_while_a_consumer_drains_concurrently() throws Exception {
        int producers = 4;
        int perProducer = 100_000;
        MpscQueue<Item> queue = new MpscQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    queue.offer(new Item(producer, i));
                }
            });
            thread.start();
            threads.add(thread);
        }
        int[] next = new int[producers];
        int received = 0;

        start.countDown();
        while (received < producers * perProducer) {
            Item item = queue.poll();
            if (item == null) {
                Thread.onSpinWait();
                continue;
            }
            assertThat(item.sequence()).isEqualTo(next[item.producer()]);
            next[item.producer()]++;
            received++;
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();
        assertThat(next).containsOnly(perProducer);
    }
}
