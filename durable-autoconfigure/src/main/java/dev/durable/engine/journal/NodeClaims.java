package dev.durable.engine.journal;

import java.time.Instant;

/**
 * A node that runs workflows now: the workflows it holds a lease on, and when those leases end
 * unless it renews them (a lease long past its end means the node stopped without letting go).
 * @param owner the node's id
 * @param running how many running workflows it holds
 * @param earliestLeaseEnd the soonest end of one of its leases
 * @param latestLeaseEnd the latest end of one of its leases
 */
public record NodeClaims(String owner, long running, Instant earliestLeaseEnd, Instant latestLeaseEnd) {

}
