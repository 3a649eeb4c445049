package dev.durable.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowEnd;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group-commit writer on a real database: writes that queue behind a commit share the next
 * one, each caller learns its own outcome, and one write's failure fails no other.
 */
abstract class AbstractGroupCommitWriterTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);

	private final ExecutorService callers = Executors.newCachedThreadPool();

	private GatedDataSource dataSource;

	private JdbcTemplate jdbc;

	private GroupCommitWriter writer;

	abstract DataSource createDataSource();

	abstract DatabasePlatform platform();

	DataSource dataSource() {
		return this.dataSource;
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	private boolean postgresql() {
		return platform() == DatabasePlatform.POSTGRESQL;
	}

	@BeforeEach
	void createSchema() {
		this.dataSource = new GatedDataSource(createDataSource());
		new ResourceDatabasePopulator(new ClassPathResource("dev/durable/store/schema-" + platform().id() + ".sql"))
			.execute(this.dataSource);
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.writer = new GroupCommitWriter(this.dataSource, new JournalStatements(platform()), 64, 1);
	}

	@AfterEach
	void stopCallers() {
		this.dataSource.open();
		this.callers.shutdownNow();
	}

	@Test
	void writesThatQueueBehindACommitShareTheNextOneAndEachCallerLearnsItsOwnOutcome() throws Exception {
		ClaimedWorkflow first = running("first");
		ClaimedWorkflow fenced = running("fenced");
		ClaimedWorkflow duplicate = running("duplicate");
		ClaimedWorkflow ends = running("ends");
		List<ClaimedWorkflow> others = List.of(running("a"), running("b"), running("c"));
		Future<WriteOutcome> leader = leadBehindClosedGate(first);
		List<Future<WriteOutcome>> queued = appendSecondEvents(others);
		Future<WriteOutcome> lostClaim = write(append(new ClaimedWorkflow(fenced.workflowId(), "stale-token", null), 2));
		// Seq 1 exists: the database refuses this one, and only this one.
		Future<WriteOutcome> refused = write(append(duplicate, 1));
		Future<WriteOutcome> ending = write(new JournalWrite.Finish(ends, new WorkflowEnd.Completed("\"ok\""),
				event(2, 0, EventKind.WORKFLOW_COMPLETED)));
		waitUntil(() -> this.writer.queued() == 6);
		int connectionsBefore = this.dataSource.connections();
		this.dataSource.open();

		assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		for (Future<WriteOutcome> other : queued) {
			assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		}
		assertThat(lostClaim.get(10, TimeUnit.SECONDS)).as("a write under a replaced claim").isEqualTo(WriteOutcome.REFUSED);
		assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
		assertThat(ending.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		// The leader's connection, then the six queued writes (steps and an end) in one transaction,
		// which the duplicate failed; then each alone: on PostgreSQL auto-committed on the same
		// connection, elsewhere in a transaction of its own.
		assertThat(this.dataSource.connections() - connectionsBefore).as("connections after the gate opened")
			.isEqualTo(postgresql() ? 1 + 1 : 1 + 1 + 6);
		for (ClaimedWorkflow other : others) {
			assertThat(events(other.workflowId())).containsExactly(1L, 2L);
		}
		assertThat(events("first")).containsExactly(1L, 2L);
		assertThat(events("fenced")).containsExactly(1L);
		assertThat(events("duplicate")).containsExactly(1L);
		assertThat(events("ends")).containsExactly(1L, 2L);
		assertThat(this.jdbc.queryForObject("select status from durable_workflow where id = 'ends'", String.class))
			.isEqualTo("COMPLETED");
		assertThat(this.jdbc.queryForObject("select status from durable_workflow where id = 'a'", String.class))
			.isEqualTo("RUNNING");
	}

	@Test
	void aBatchOfEveryKindIsOneTransactionAndWritesOnlyUnderHeldClaims() throws Exception {
		ClaimedWorkflow first = running("first");
		ClaimedWorkflow steps = running("steps");
		ClaimedWorkflow ends = running("ends");
		ClaimedWorkflow fails = running("fails");
		ClaimedWorkflow replaced = running("replaced");
		ClaimedWorkflow replacedEnd = running("replaced-end");
		ClaimedWorkflow cancelled = running("cancelled");
		this.jdbc.update("update durable_workflow set cancel_requested = true where id = 'cancelled'");
		ClaimedWorkflow created = new ClaimedWorkflow("created", UUID.randomUUID().toString(), null);
		Instant lease = NOW.plusSeconds(45);
		Future<WriteOutcome> leader = leadBehindClosedGate(first);
		Future<WriteOutcome> create = write(new JournalWrite.Create(
				new NewWorkflow("created", "Created", "[\"in\"]", NOW, created, "node-2", lease, null),
				new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, "Created", 0, "[\"in\"]", null, null, null, NOW)));
		Future<WriteOutcome> step = write(new JournalWrite.Append(steps, new JournalEvent(2, 1, EventKind.ACTIVITY_FAILED,
				"Steps.flaky", 3, "[1,\"x\",{\"a\":\"b\\\\c\"}]", null, "java.lang.IllegalStateException", "said 'no'",
				NOW.plusMillis(7), NOW.plusMillis(2))));
		// Text that an array literal must quote: the word NULL is not a null.
		Future<WriteOutcome> end = write(new JournalWrite.Finish(ends, new WorkflowEnd.Completed("NULL"),
				event(2, 0, EventKind.WORKFLOW_COMPLETED)));
		Future<WriteOutcome> failure = write(new JournalWrite.Finish(fails,
				new WorkflowEnd.Failed("java.io.IOException", "disk\nfull"), event(2, 0, EventKind.WORKFLOW_FAILED)));
		Future<WriteOutcome> lostStep = write(append(new ClaimedWorkflow(replaced.workflowId(), "stale-token", null), 2));
		Future<WriteOutcome> lostEnd = write(new JournalWrite.Finish(new ClaimedWorkflow(replacedEnd.workflowId(), "stale",
				null), new WorkflowEnd.Completed("\"late\""), event(2, 0, EventKind.WORKFLOW_COMPLETED)));
		Future<WriteOutcome> cancelledStep = write(append(cancelled, 2));
		waitUntil(() -> this.writer.queued() == 7);
		int connectionsBefore = this.dataSource.connections();
		this.dataSource.open();

		assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		assertThat(cancelledStep.get(10, TimeUnit.SECONDS)).as("a step of a workflow whose cancellation was requested")
			.isEqualTo(WriteOutcome.MADE_CANCEL_REQUESTED);
		assertThat(create.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		assertThat(step.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		assertThat(end.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		assertThat(failure.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		assertThat(lostStep.get(10, TimeUnit.SECONDS)).as("a step under a replaced claim").isEqualTo(WriteOutcome.REFUSED);
		assertThat(lostEnd.get(10, TimeUnit.SECONDS)).as("an end under a replaced claim").isEqualTo(WriteOutcome.REFUSED);
		assertThat(this.dataSource.connections() - connectionsBefore).as("connections after the gate opened")
			.isEqualTo(1 + 1);
		assertThat(row("select type, status, input, owner, run_token from durable_workflow where id = 'created'"))
			.containsExactly("Created", "RUNNING", "[\"in\"]", "node-2", created.runToken());
		assertThat(instant("select due_at from durable_workflow where id = 'created'")).isEqualTo(lease);
		assertThat(instant("select created_at from durable_workflow where id = 'created'")).isEqualTo(NOW);
		assertThat(row("select kind, name, input from durable_event where workflow_id = 'created' and seq = 1"))
			.containsExactly("WORKFLOW_STARTED", "Created", "[\"in\"]");
		assertThat(row("select step, kind, name, attempt, input, output, error_type, error from durable_event "
				+ "where workflow_id = 'steps' and seq = 2"))
			.containsExactly(1, "ACTIVITY_FAILED", "Steps.flaky", 3, "[1,\"x\",{\"a\":\"b\\\\c\"}]", null,
					"java.lang.IllegalStateException", "said 'no'");
		assertThat(instant("select recorded_at from durable_event where workflow_id = 'steps' and seq = 2"))
			.isEqualTo(NOW.plusMillis(7));
		assertThat(nullableInstant("select started_at from durable_event where workflow_id = 'steps' and seq = 2"))
			.as("when the failed attempt began").isEqualTo(NOW.plusMillis(2));
		assertThat(nullableInstant("select started_at from durable_event where workflow_id = 'created' and seq = 1"))
			.as("a start records a moment, no begin").isNull();
		assertThat(row("select status, result, error_type, error, owner, run_token, due_at from durable_workflow "
				+ "where id = 'ends'")).containsExactly("COMPLETED", "NULL", null, null, null, null, null);
		assertThat(row("select status, result, error_type, error from durable_workflow where id = 'fails'"))
			.containsExactly("FAILED", null, "java.io.IOException", "disk\nfull");
		assertThat(events("ends")).containsExactly(1L, 2L);
		assertThat(events("fails")).containsExactly(1L, 2L);
		assertThat(events("replaced")).containsExactly(1L);
		assertThat(events("replaced-end")).containsExactly(1L);
		assertThat(row("select status, run_token from durable_workflow where id = 'replaced-end'"))
			.containsExactly("RUNNING", replacedEnd.runToken());
	}

	@Test
	void aLoneStepReadsWhetherCancellationWasRequested() throws Exception {
		ClaimedWorkflow running = running("running");
		ClaimedWorkflow cancelled = running("cancelled");
		this.jdbc.update("update durable_workflow set cancel_requested = true where id = 'cancelled'");

		assertThat(this.writer.write(append(running, 2))).isEqualTo(WriteOutcome.MADE);
		assertThat(this.writer.write(append(cancelled, 2))).isEqualTo(WriteOutcome.MADE_CANCEL_REQUESTED);
		assertThat(this.writer.write(append(new ClaimedWorkflow("cancelled", "stale-token", null), 3)))
			.isEqualTo(WriteOutcome.REFUSED);
		assertThat(events("cancelled")).containsExactly(1L, 2L);
	}

	@Test
	void anEndCarryingTheRunsLastStepWritesBothEventsUnderTheClaimOrNeither() throws Exception {
		ClaimedWorkflow alone = running("alone");
		ClaimedWorkflow staleAlone = running("stale-alone");
		assertThat(this.writer.write(endWithStep(alone))).as("a lone end with its last step").isEqualTo(WriteOutcome.MADE);
		assertThat(this.writer.write(endWithStep(new ClaimedWorkflow("stale-alone", "stale-token", null))))
			.as("a lone end with its last step, under a replaced claim")
			.isEqualTo(WriteOutcome.REFUSED);

		ClaimedWorkflow first = running("first");
		ClaimedWorkflow batched = running("batched");
		ClaimedWorkflow staleBatched = running("stale-batched");
		ClaimedWorkflow other = running("other");
		Future<WriteOutcome> leader = leadBehindClosedGate(first);
		Future<WriteOutcome> end = write(endWithStep(batched));
		Future<WriteOutcome> lostEnd = write(endWithStep(new ClaimedWorkflow("stale-batched", "stale-token", null)));
		Future<WriteOutcome> step = write(append(other, 2));
		waitUntil(() -> this.writer.queued() == 3);
		this.dataSource.open();

		assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		assertThat(end.get(10, TimeUnit.SECONDS)).as("a batched end with its last step").isEqualTo(WriteOutcome.MADE);
		assertThat(lostEnd.get(10, TimeUnit.SECONDS)).as("a batched end with its last step, under a replaced claim")
			.isEqualTo(WriteOutcome.REFUSED);
		assertThat(step.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		for (String ended : List.of("alone", "batched")) {
			assertThat(events(ended)).as("events of %s", ended).containsExactly(1L, 2L, 3L);
			assertThat(this.jdbc.queryForList("select kind from durable_event where workflow_id = ? order by seq",
					String.class, ended))
				.containsExactly("WORKFLOW_STARTED", "ACTIVITY_COMPLETED", "WORKFLOW_COMPLETED");
			assertThat(row("select status, result, run_token from durable_workflow where id = '" + ended + "'"))
				.containsExactly("COMPLETED", "\"ok\"", null);
		}
		for (ClaimedWorkflow lost : List.of(staleAlone, staleBatched)) {
			assertThat(events(lost.workflowId())).as("events of %s", lost.workflowId()).containsExactly(1L);
			assertThat(row("select status, run_token from durable_workflow where id = '" + lost.workflowId() + "'"))
				.containsExactly("RUNNING", lost.runToken());
		}
		assertThat(events("other")).containsExactly(1L, 2L);
	}

	@Test
	void aRefusedStepInABatchOfStepsFailsAloneAndTheOthersAreMade() throws Exception {
		ClaimedWorkflow first = running("first");
		ClaimedWorkflow duplicate = running("duplicate");
		List<ClaimedWorkflow> others = List.of(running("a"), running("b"), running("c"));
		Future<WriteOutcome> leader = leadBehindClosedGate(first);
		List<Future<WriteOutcome>> queued = appendSecondEvents(others);
		Future<WriteOutcome> refused = write(append(duplicate, 1));
		waitUntil(() -> this.writer.queued() == 4);
		int connectionsBefore = this.dataSource.connections();
		this.dataSource.open();

		assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		for (Future<WriteOutcome> other : queued) {
			assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(WriteOutcome.MADE);
		}
		assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
		// On PostgreSQL the batch is one auto-committed statement, which the duplicate rolled back
		// whole; its writes are made again one by one on the same connection. Elsewhere the batch is
		// one transaction, and then one transaction each.
		assertThat(this.dataSource.connections() - connectionsBefore).as("connections after the gate opened")
			.isEqualTo(postgresql() ? 1 + 1 : 1 + 1 + 4);
		for (ClaimedWorkflow other : others) {
			assertThat(events(other.workflowId())).containsExactly(1L, 2L);
		}
		assertThat(events("duplicate")).containsExactly(1L);
	}

	@Test
	void concurrentWorkflowsShareCommitsAndEveryWriteIsMadeOnce() throws Exception {
		int workflows = 16;
		int steps = 30;
		List<Future<?>> runs = new ArrayList<>();
		for (int w = 0; w < workflows; w++) {
			String id = "wf-" + w;
			runs.add(this.callers.submit(() -> {
				ClaimedWorkflow claim = new ClaimedWorkflow(id, UUID.randomUUID().toString(), null);
				assertThat(this.writer.write(new JournalWrite.Create(new NewWorkflow(id, "Burst", "[]", NOW, claim,
						"node", NOW.plusSeconds(30), null), event(1, 0, EventKind.WORKFLOW_STARTED)))).isEqualTo(WriteOutcome.MADE);
				for (int step = 1; step <= steps; step++) {
					assertThat(this.writer.write(append(claim, step + 1))).isEqualTo(WriteOutcome.MADE);
				}
				return null;
			}));
		}
		for (Future<?> run : runs) {
			run.get(60, TimeUnit.SECONDS);
		}
		assertThat(this.jdbc.queryForObject("select count(*) from durable_event", Integer.class))
			.isEqualTo(workflows * (steps + 1));
		assertThat(this.jdbc.queryForObject("select count(distinct workflow_id) from durable_event group by seq "
				+ "having seq = " + (steps + 1), Integer.class)).isEqualTo(workflows);
		assertThat(this.dataSource.connections()).as("transactions for " + workflows * (steps + 1) + " writes")
			.isLessThan(workflows * (steps + 1));
	}

	/**
	 * Start a leader's write and hold it at the data source's door, so that what follows queues.
	 */
	private Future<WriteOutcome> leadBehindClosedGate(ClaimedWorkflow leader) throws InterruptedException {
		this.dataSource.close();
		Future<WriteOutcome> written = write(append(leader, 2));
		waitUntil(() -> this.dataSource.waiting() == 1);
		return written;
	}

	private List<Future<WriteOutcome>> appendSecondEvents(List<ClaimedWorkflow> claims) {
		List<Future<WriteOutcome>> writes = new ArrayList<>();
		for (ClaimedWorkflow claim : claims) {
			writes.add(write(append(claim, 2)));
		}
		return writes;
	}

	private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s for the writes to queue").isLessThan(deadline);
			Thread.sleep(1);
		}
	}

	private ClaimedWorkflow running(String id) {
		String token = UUID.randomUUID().toString();
		this.jdbc.update("insert into durable_workflow (id, type, status, input, owner, run_token, due_at, created_at, "
				+ "updated_at, cancel_requested) values (?, 'Test', 'RUNNING', '[]', 'node', ?, ?, ?, ?, false)", id,
				token, timestamp(NOW.plusSeconds(30)), timestamp(NOW),
				timestamp(NOW));
		this.jdbc.update("insert into durable_event (workflow_id, seq, step, kind, name, attempt, input, recorded_at) "
				+ "values (?, 1, 0, 'WORKFLOW_STARTED', 'Test', 0, '[]', ?)", id, timestamp(NOW));
		return new ClaimedWorkflow(id, token, null);
	}

	private Future<WriteOutcome> write(JournalWrite write) {
		return this.callers.submit(() -> this.writer.write(write));
	}

	private static JournalWrite append(ClaimedWorkflow claim, long seq) {
		return new JournalWrite.Append(claim, event(seq, (int) Math.max(1, seq - 1), EventKind.ACTIVITY_COMPLETED));
	}

	/** The end of a run whose last step (seq 2) was held back to be written with it (seq 3). */
	private static JournalWrite endWithStep(ClaimedWorkflow claim) {
		return new JournalWrite.Finish(claim, new WorkflowEnd.Completed("\"ok\""),
				event(2, 1, EventKind.ACTIVITY_COMPLETED), event(3, 0, EventKind.WORKFLOW_COMPLETED));
	}

	private static JournalEvent event(long seq, int step, EventKind kind) {
		return new JournalEvent(seq, step, kind, "Steps.step", kind.isStep() ? 1 : 0, "[]", "\"done\"", null, null,
				NOW);
	}

	private List<@Nullable Object> row(String sql) {
		return new ArrayList<>(this.jdbc.queryForMap(sql).values());
	}

	private Object timestamp(Instant instant) {
		return platform().sqlValues().timestamp(instant);
	}

	private Instant instant(String sql) {
		return this.jdbc.query(sql, (rows) -> {
			rows.next();
			return platform().sqlValues().requiredInstant(rows, 1);
		});
	}

	private @Nullable Instant nullableInstant(String sql) {
		return this.jdbc.query(sql, (rows) -> {
			rows.next();
			return platform().sqlValues().instant(rows, 1);
		});
	}

	private List<Long> events(String workflowId) {
		return this.jdbc.queryForList("select seq from durable_event where workflow_id = ? order by seq", Long.class,
				workflowId);
	}

	/**
	 * A data source that counts connections and can hold callers at the door, so that writes
	 * queue behind a leader that has not got its connection yet.
	 */
	private static final class GatedDataSource extends DelegatingDataSource {

		private final AtomicInteger connections = new AtomicInteger();

		private final AtomicInteger waiting = new AtomicInteger();

		private volatile CountDownLatch gate = new CountDownLatch(0);

		GatedDataSource(DataSource target) {
			super(target);
		}

		void close() {
			this.gate = new CountDownLatch(1);
		}

		void open() {
			this.gate.countDown();
		}

		int waiting() {
			return this.waiting.get();
		}

		int connections() {
			return this.connections.get();
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.waiting.incrementAndGet();
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted at the gate", ex);
			}
			finally {
				this.waiting.decrementAndGet();
			}
			this.connections.incrementAndGet();
			return super.getConnection();
		}

	}

}
