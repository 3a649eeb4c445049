package dev.durable.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.durable.engine.journal.ClaimedWorkflow;
import dev.durable.engine.journal.EventKind;
import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowEnd;

import dev.durable.test.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The group-commit writer on PostgreSQL, each kind of write as one JDBC batch.
 */
class PostgresGroupCommitWriterTests extends AbstractGroupCommitWriterTests {

	private PostgresTestDatabase database;

	@Override
	DataSource createDataSource() {
		this.database = PostgresTestDatabase.create();
		return new SimpleDriverDataSource(new org.postgresql.Driver(), this.database.url(), PostgresTestDatabase.USER,
				System.getProperty("durable.test.postgres.password", ""));
	}

	@AfterEach
	void dropSchema() {
		this.database.drop();
	}

	@Override
	DatabasePlatform platform() {
		return DatabasePlatform.POSTGRESQL;
	}

	@Test
	void withAutovacuumOffTheJournalIsAnalyzedOnceThisNodeHasCreatedEnoughWorkflows() throws Exception {
		JournalAnalyzer analyzer = new JournalAnalyzer(dataSource(), 40);
		GroupCommitWriter writer = new GroupCommitWriter(dataSource(), new JournalStatements(platform()), 64, 1,
				analyzer);
		for (int i = 0; i < 39; i++) {
			assertThat(create(writer, "early-" + i)).isEqualTo(WriteOutcome.MADE);
		}
		assertThat(create(writer, "early-0")).as("a start of an existing id").isEqualTo(WriteOutcome.REFUSED);
		assertThat(analyzer.started()).as("checked after 39 created workflows").isFalse();
		assertThat(create(writer, "fortieth")).isEqualTo(WriteOutcome.MADE);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (analyzer.checks() == 0) {
			assertThat(System.nanoTime()).as("waited 10 s for the check").isLessThan(deadline);
			Thread.sleep(5);
		}
		String autovacuum = jdbc().queryForObject("select current_setting('autovacuum')", String.class);
		if ("off".equals(autovacuum)) {
			assertThat(jdbc().queryForObject("select reltuples from pg_class where oid = 'durable_workflow'::regclass",
					Double.class))
				.as("rows PostgreSQL counted when the journal was analyzed").isEqualTo(40.0);
		}
		else {
			assertThat(jdbc().queryForObject("select last_analyze from pg_stat_user_tables "
					+ "where relid = 'durable_workflow'::regclass", Timestamp.class))
				.as("a manual analyze where autovacuum does that work").isNull();
		}
	}

	@Test
	void aConnectionPlansTheGroupCommitsStatementOnceAndKeepsThePlan() throws Exception {
		try (Connection connection = dataSource().getConnection()) {
			for (int i = 0; i < 15; i++) {
				WriteOutcome[] made = PostgresJournalBatch.write(connection,
						List.of(createWrite("batch-" + i + "-a"), createWrite("batch-" + i + "-b")));
				assertThat(made).containsOnly(WriteOutcome.MADE);
			}
			try (Statement query = connection.createStatement();
					ResultSet plans = query.executeQuery("select generic_plans, custom_plans from pg_prepared_statements "
							+ "where statement like '%unnest%durable_event%'")) {
				assertThat(plans.next()).as("the statement is prepared on the server").isTrue();
				// pgjdbc prepares it at its fifth execution; PostgreSQL plans the first five of those anew.
				assertThat(plans.getLong("generic_plans")).as("executions on the plan kept").isEqualTo(6);
				assertThat(plans.getLong("custom_plans")).isEqualTo(5);
			}
		}
	}

	@Test
	void theKeptPlansLookWorkflowsUpByKeyEvenBeforeTheJournalIsAnalyzed() throws Exception {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			for (int i = 0; i < 300; i++) {
				PostgresJournalBatch.write(connection, List.of(createWrite("small-" + i)));
			}
			statement.execute("set plan_cache_mode = force_generic_plan");
			int checked = 0;
			for (boolean creates : new boolean[] { false, true }) {
				for (boolean finishes : new boolean[] { false, true }) {
					for (boolean appends : new boolean[] { false, true }) {
						if (creates || finishes || appends) {
							String plan = genericPlan(statement, "batch_" + (++checked),
									PostgresJournalBatch.sql(creates, finishes, appends));
							assertThat(plan).as("the plan kept for batches of creates %s, finishes %s, appends %s",
									creates, finishes, appends)
								.doesNotContain("Seq Scan on durable_workflow");
							assertThat(plan.contains("Update on durable_workflow")).as("finishes update the row")
								.isEqualTo(finishes);
						}
					}
				}
			}
			assertThat(checked).isEqualTo(7);
			assertThat(jdbc().queryForObject("select reltuples from pg_class where oid = 'durable_workflow'::regclass",
					Double.class)).as("never analyzed").isEqualTo(-1.0);
		}
	}

	@Test
	void aBatchOfEveryKindMakesEachWriteOrRefusesIt() throws Exception {
		try (Connection connection = dataSource().getConnection()) {
			Instant now = Instant.now();
			ClaimedWorkflow stepping = claimed(connection, "stepping");
			ClaimedWorkflow ending = claimed(connection, "ending");
			ClaimedWorkflow replaced = new ClaimedWorkflow("ending", "a token no longer on the row", null);
			WriteOutcome[] made = PostgresJournalBatch.write(connection,
					List.of(createWrite("new-one"), createWrite("stepping"),
							new JournalWrite.Append(stepping,
									new JournalEvent(2, 1, EventKind.ACTIVITY_COMPLETED, "step", 1, "[]", "\"r1\"", null,
											null, now)),
							new JournalWrite.Finish(ending, new WorkflowEnd.Completed("\"done\""),
									new JournalEvent(2, 0, EventKind.WORKFLOW_COMPLETED, "Grows", 0, null, "\"done\"",
											null, null, now)),
							new JournalWrite.Append(replaced, new JournalEvent(3, 1, EventKind.ACTIVITY_COMPLETED,
									"step", 1, "[]", "\"r2\"", null, null, now))));
			assertThat(made).containsExactly(WriteOutcome.MADE, WriteOutcome.REFUSED, WriteOutcome.MADE,
					WriteOutcome.MADE, WriteOutcome.REFUSED);
			assertThat(jdbc().queryForList("select workflow_id || ':' || seq || ':' || kind from durable_event "
					+ "where workflow_id in ('new-one', 'stepping', 'ending') order by 1", String.class))
				.containsExactly("ending:1:WORKFLOW_STARTED", "ending:2:WORKFLOW_COMPLETED", "new-one:1:WORKFLOW_STARTED",
						"stepping:1:WORKFLOW_STARTED", "stepping:2:ACTIVITY_COMPLETED");
			assertThat(jdbc().queryForObject("select status || ' ' || result from durable_workflow where id = 'ending'",
					String.class)).isEqualTo("COMPLETED \"done\"");
		}
	}

	/** A workflow created by a batch of its own, and its claim. */
	private static ClaimedWorkflow claimed(Connection connection, String id) throws Exception {
		JournalWrite.Create create = (JournalWrite.Create) createWrite(id);
		assertThat(PostgresJournalBatch.write(connection, List.of(create))).containsExactly(WriteOutcome.MADE);
		return create.workflow().claim();
	}

	/** The plan PostgreSQL keeps for a statement, with every parameter null. */
	private static String genericPlan(Statement statement, String name, String sql) throws Exception {
		int parameters = 0;
		StringBuilder numbered = new StringBuilder();
		for (char c : sql.toCharArray()) {
			numbered.append((c == '?') ? "$" + (++parameters) : String.valueOf(c));
		}
		statement.execute("prepare " + name + " as " + numbered);
		StringBuilder plan = new StringBuilder();
		try (ResultSet lines = statement.executeQuery(
				"explain execute " + name + "(" + String.join(", ", Collections.nCopies(parameters, "null")) + ")")) {
			while (lines.next()) {
				plan.append(lines.getString(1)).append('\n');
			}
		}
		return plan.toString();
	}

	private static WriteOutcome create(GroupCommitWriter writer, String id) {
		return writer.write(createWrite(id));
	}

	private static JournalWrite createWrite(String id) {
		Instant now = Instant.now();
		ClaimedWorkflow claim = new ClaimedWorkflow(id, UUID.randomUUID().toString(), null);
		return new JournalWrite.Create(new NewWorkflow(id, "Grows", "[]", now, claim, "node", now.plusSeconds(30), null),
				new JournalEvent(1, 0, EventKind.WORKFLOW_STARTED, "Grows", 0, "[]", null, null, null, now));
	}

}
