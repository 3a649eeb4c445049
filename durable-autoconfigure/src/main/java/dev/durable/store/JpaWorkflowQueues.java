package dev.durable.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.durable.engine.journal.ClaimedRun;
import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.QueueCount;
import dev.durable.engine.journal.QueueLimits;
import dev.durable.engine.journal.WorkflowQueues;

/**
 * Queues on JPA's transactions: each claim of a queue's workflows is one claim transaction of
 * {@link QueueStatements}; a queue's row is created the first time this node claims from it.
 */
final class JpaWorkflowQueues implements WorkflowQueues {

	private final StoreAccess access;

	private final QueueStatements statements;

	private final Set<String> knownQueues = ConcurrentHashMap.newKeySet();

	JpaWorkflowQueues(StoreAccess access) {
		this.access = access;
		this.statements = new QueueStatements(access.dialect().platform());
	}

	@Override
	public List<ClaimedRun> claimQueued(QueueLimits queue, String nodeId, Instant now, Instant leaseUntil, int limit) {
		ensureQueue(queue.name());
		String token = UUID.randomUUID().toString();
		List<ClaimedWorkflow> claimed = this.access.claimTransactions()
			.execute((tx) -> this.access.jdbc((connection) -> this.statements.claim(connection, queue, nodeId, token,
					now, leaseUntil, limit)));
		return claimed.stream().map((claim) -> new ClaimedRun(claim, null)).toList();
	}

	@Override
	public List<QueueCount> countQueues() {
		return this.access.readOnly().execute((tx) -> this.access.jdbc(this.statements::count));
	}

	/**
	 * Create the queue's row on first use rather than at start-up, so that a database that is
	 * away when the application starts delays queued work instead of failing the start.
	 */
	private void ensureQueue(String name) {
		if (this.knownQueues.contains(name)) {
			return;
		}
		try {
			this.access.transactions()
				.executeWithoutResult((tx) -> this.access.jdbc((connection) -> this.statements.ensureQueue(connection,
						name)));
		}
		catch (RuntimeException ex) {
			// Another node created the row at the same moment: it is there now.
			this.access.transactions()
				.executeWithoutResult((tx) -> this.access.jdbc((connection) -> this.statements.ensureQueue(connection,
						name)));
		}
		this.knownQueues.add(name);
	}

}
