package dev.durable.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.durable.WorkflowStatus;
import dev.durable.engine.journal.NodeClaims;
import dev.durable.engine.journal.Throughput;
import dev.durable.engine.journal.WorkflowCount;
import dev.durable.engine.journal.WorkflowRecord;
import org.jspecify.annotations.Nullable;

/**
 * The state of all workflows at a glance, as {@code GET .../workflows?view=overview} answers it:
 * counts by status and by type, starts and ends per minute over the last hour, the overdue
 * workflows and the nodes running workflows. It carries no values, so {@code show-values} does
 * not apply.
 * @param at when it was read
 * @param total how many workflows the journal holds
 * @param byStatus how many have each status (every status, zero included)
 * @param byType how many of each type, by status, the most numerous type first
 * @param throughput the workflows started and ended in each minute of the last hour
 * @param overdue the workflows past due that no worker took up
 * @param nodes the nodes holding running workflows
 */
public record WorkflowOverview(Instant at, long total, Map<WorkflowStatus, Long> byStatus, List<TypeCounts> byType,
		List<Minute> throughput, Overdue overdue, List<Node> nodes) {

	static WorkflowOverview of(Instant at, List<WorkflowCount> counts, Throughput throughput, Duration overdueAfter,
			long overdueCount, List<WorkflowRecord> overdue, List<NodeClaims> nodes) {
		Map<WorkflowStatus, Long> byStatus = new EnumMap<>(WorkflowStatus.class);
		for (WorkflowStatus status : WorkflowStatus.values()) {
			byStatus.put(status, 0L);
		}
		Map<String, Map<WorkflowStatus, Long>> byType = new LinkedHashMap<>();
		for (WorkflowCount count : counts) {
			byStatus.merge(count.status(), count.count(), Long::sum);
			byType.computeIfAbsent(count.type(), (type) -> new EnumMap<>(WorkflowStatus.class))
				.put(count.status(), count.count());
		}
		List<TypeCounts> types = new ArrayList<>();
		byType.forEach((type, statuses) -> types.add(new TypeCounts(type,
				statuses.values().stream().mapToLong(Long::longValue).sum(), statuses)));
		types.sort((a, b) -> Long.compare(b.total(), a.total()));
		List<Minute> minutes = new ArrayList<>();
		for (int i = 0; i < throughput.started().size(); i++) {
			minutes.add(new Minute(throughput.from().plus(Throughput.MINUTE.multipliedBy(i)), throughput.started().get(i),
					throughput.ended().get(i)));
		}
		return new WorkflowOverview(at, byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus, types,
				minutes, new Overdue(overdueAfter, overdueCount, overdue.stream().map(OverdueWorkflow::of).toList()),
				nodes.stream().map((node) -> Node.of(node, at)).toList());
	}

	/**
	 * The workflows of one type.
	 * @param type the workflow type
	 * @param total how many
	 * @param byStatus how many have each status (statuses without any are absent)
	 */
	public record TypeCounts(String type, long total, Map<WorkflowStatus, Long> byStatus) {
	}

	/**
	 * One minute of the last hour.
	 * @param minute when it began
	 * @param started the workflows created in it
	 * @param ended the workflows that ended in it (by their last change)
	 */
	public record Minute(Instant minute, long started, long ended) {
	}

	/**
	 * The workflows that wait for a worker longer than they should.
	 * @param after how long past due a workflow counts as overdue ({@code durable.health.overdue-after})
	 * @param count how many are overdue
	 * @param workflows the longest overdue of them, at most 20
	 */
	public record Overdue(Duration after, long count, List<OverdueWorkflow> workflows) {
	}

	/**
	 * One overdue workflow.
	 * @param id its id
	 * @param type its type
	 * @param status its status
	 * @param dueAt when it was due
	 * @param owner the node whose lease on it ran out, if any
	 */
	public record OverdueWorkflow(String id, String type, WorkflowStatus status, Instant dueAt,
			@Nullable String owner) {

		static OverdueWorkflow of(WorkflowRecord workflow) {
			return new OverdueWorkflow(workflow.id(), workflow.type(), workflow.status(),
					(workflow.dueAt() != null) ? workflow.dueAt() : workflow.updatedAt(), workflow.owner());
		}

	}

	/**
	 * A node that holds running workflows.
	 * @param owner the node's id ({@code durable.node-id})
	 * @param running how many running workflows it holds
	 * @param earliestLeaseEnd the soonest end of one of its leases
	 * @param latestLeaseEnd the latest end of one of its leases
	 * @param leaseExpired whether one of its leases ended without renewal: a sign the node stopped
	 */
	public record Node(String owner, long running, Instant earliestLeaseEnd, Instant latestLeaseEnd,
			boolean leaseExpired) {

		static Node of(NodeClaims node, Instant at) {
			return new Node(node.owner(), node.running(), node.earliestLeaseEnd(), node.latestLeaseEnd(),
					node.earliestLeaseEnd().isBefore(at));
		}

	}

}
