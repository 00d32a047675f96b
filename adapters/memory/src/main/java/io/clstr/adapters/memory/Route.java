package io.clstr.adapters.memory;

import io.clstr.ports.out.transport.Message;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who receives a subject's messages: every plain subscriber, and one member of each queue group, chosen
 * round-robin (skipping members that closed meanwhile). Immutable: a change of subscribers makes a new route.
 */
final class Route {

    private static final SubjectSubscription[] NONE = new SubjectSubscription[0];
    private static final QueueGroup[] NO_GROUPS = new QueueGroup[0];
    static final Route EMPTY = new Route(NONE, NO_GROUPS);

    private final SubjectSubscription[] plain;
    private final QueueGroup[] groups;

    private Route(SubjectSubscription[] plain, QueueGroup[] groups) {
        this.plain = plain;
        this.groups = groups;
    }

    /** Delivers to every plain subscriber and one member per group; returns how many took the message. */
    int deliver(Message message, PendingRequest request) {
        int delivered = 0;
        for (SubjectSubscription subscriber : plain) {
            if (subscriber.deliver(message, request)) {
                delivered++;
            }
        }
        for (QueueGroup group : groups) {
            if (group.deliver(message, request)) {
                delivered++;
            }
        }
        return delivered;
    }

    Route with(SubjectSubscription subscription) {
        if (subscription.queueGroup == null) {
            return new Route(append(plain, subscription), groups);
        }
        QueueGroup[] changed = groups.clone();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i].name.equals(subscription.queueGroup)) {
                changed[i] = changed[i].with(subscription);
                return new Route(plain, changed);
            }
        }
        QueueGroup[] added = Arrays.copyOf(groups, groups.length + 1);
        added[groups.length] = new QueueGroup(subscription.queueGroup, new SubjectSubscription[] {subscription},
                new AtomicInteger());
        return new Route(plain, added);
    }

    /** The route without the subscription, or null if nobody is left. */
    Route without(SubjectSubscription subscription) {
        SubjectSubscription[] remainingPlain = plain;
        QueueGroup[] remainingGroups = groups;
        if (subscription.queueGroup == null) {
            remainingPlain = remove(plain, subscription);
        } else {
            remainingGroups = Arrays.stream(groups)
                    .map(group -> group.name.equals(subscription.queueGroup) ? group.without(subscription) : group)
                    .filter(group -> group.members.length > 0)
                    .toArray(QueueGroup[]::new);
        }
        return remainingPlain.length == 0 && remainingGroups.length == 0
                ? null
                : new Route(remainingPlain, remainingGroups);
    }

    private static SubjectSubscription[] append(SubjectSubscription[] all, SubjectSubscription added) {
        SubjectSubscription[] result = Arrays.copyOf(all, all.length + 1);
        result[all.length] = added;
        return result;
    }

    private static SubjectSubscription[] remove(SubjectSubscription[] all, SubjectSubscription removed) {
        return Arrays.stream(all).filter(subscription -> subscription != removed).toArray(SubjectSubscription[]::new);
    }

    /** The members of one queue group; the counter survives membership changes to keep the rotation fair. */
    private static final class QueueGroup {
        final String name;
        final SubjectSubscription[] members;
        private final AtomicInteger turn;

        QueueGroup(String name, SubjectSubscription[] members, AtomicInteger turn) {
            this.name = name;
            this.members = members;
            this.turn = turn;
        }

        boolean deliver(Message message, PendingRequest request) {
            int count = members.length;
            int first = Math.floorMod(turn.getAndIncrement(), count);
            for (int i = 0; i < count; i++) {
                if (members[(first + i) % count].deliver(message, request)) {
                    return true;
                }
            }
            return false;
        }

        QueueGroup with(SubjectSubscription member) {
            return new QueueGroup(name, append(members, member), turn);
        }

        QueueGroup without(SubjectSubscription member) {
            return new QueueGroup(name, remove(members, member), turn);
        }
    }
}
