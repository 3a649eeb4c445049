package dev.durable.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.WorkflowClaims;
import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

/**
 * Claims and leases: claiming due workflows with {@link ClaimStatements} (on PostgreSQL one
 * statement that also loads them), renewing leases one transaction each, handing claims back and
 * recovering a dead node's workflows.
 */
final class JpaWorkflowClaims implements WorkflowClaims {

	private final StoreAccess access;

	private final EntityManager entityManager;

	private final ClaimStatements claims;

	JpaWorkflowClaims(StoreAccess access) {
		this.access = access;
		this.entityManager = access.entityManager();
		this.claims = new ClaimStatements(access.dialect().platform());
	}

	@Override
	public List<ClaimedRun> claimDue(String nodeId, Instant now, Instant leaseUntil, int limit) {
		String token = UUID.randomUUID().toString();
		if (this.claims.isOneStatement()) {
			StoreAccess.SqlWork<List<ClaimedRun>> claimAndLoad = (connection) -> this.claims.claimAndLoad(connection,
					nodeId, token, now, leaseUntil, limit);
			return this.access.canGoDirect() ? this.access.direct("claim due workflows", claimAndLoad)
					: this.access.transactions().execute((tx) -> this.access.jdbc(claimAndLoad));
		}
		List<ClaimedWorkflow> claimed = this.access.claimTransactions()
			.execute((tx) -> this.access
				.jdbc((connection) -> this.claims.claim(connection, nodeId, token, now, leaseUntil, limit)));
		return claimed.stream().map((claim) -> new ClaimedRun(claim, null)).toList();
	}

	@Override
	public Set<String> renewLeases(Collection<ClaimedWorkflow> claims, Instant leaseUntil) {
		// One transaction per lease: holding one running row's lock while waiting for another's
		// deadlocked with group commits that end several of those workflows in one statement
		// (seen at 100,000 waking workflows). A renewal is rare (every lease-duration / 3).
		for (ClaimedWorkflow claim : claims) {
			this.access.transactions()
				.executeWithoutResult((tx) -> this.entityManager
					.createQuery(
							"update DurableWorkflow w set w.dueAt = :lease where w.id = :id and w.runToken = :token")
					.setParameter("lease", leaseUntil)
					.setParameter("id", claim.workflowId())
					.setParameter("token", claim.runToken())
					.executeUpdate());
		}
		return this.access.readOnly()
			.execute((tx) -> Set.copyOf(this.entityManager
				.createQuery("select w.id from DurableWorkflow w where w.id in :ids and w.cancelRequested = true",
						String.class)
				.setParameter("ids", claims.stream().map(ClaimedWorkflow::workflowId).toList())
				.getResultList()));
	}

	@Override
	public void release(ClaimedWorkflow claim, Instant dueAt) {
		// A run handed back (a shutdown, a type this node does not know) did not fail: its claim
		// does not count towards max-run-attempts.
		this.access.transactions()
			.executeWithoutResult((tx) -> this.access.hand(claim, dueAt, null, this.access.clock().instant(),
					"case when w.runAttempts > 0 then w.runAttempts - 1 else 0 end", false));
	}

	@Override
	public int recoverRunning(@Nullable String nodeId, Instant now) {
		Integer recovered = this.access.transactions().execute((tx) -> {
			var update = this.entityManager
				.createQuery("update DurableWorkflow w set w.dueAt = :now where w.status = :running"
						+ ((nodeId != null) ? " and w.owner = :owner" : ""))
				.setParameter("now", now)
				.setParameter("running", WorkflowStatus.RUNNING.name());
			if (nodeId != null) {
				update.setParameter("owner", nodeId);
			}
			return update.executeUpdate();
		});
		return (recovered != null) ? recovered : 0;
	}

	@Override
	public boolean isEmbedded() {
		return this.access.dialect().singleProcess();
	}

}
