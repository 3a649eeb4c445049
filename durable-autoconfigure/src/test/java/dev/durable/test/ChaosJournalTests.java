package dev.durable.test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fault tests' final checks can fail: on a journal written by hand (the product's H2 schema
 * and the chaos table), a lost start, a step committed twice, a gap in a journal, a step recorded
 * twice and a workflow left waiting are each reported with the workflow's id.
 */
class ChaosJournalTests {

	private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	private final ChaosJournal journal = new ChaosJournal(this.url, "sa", "");

	@BeforeEach
	void createTables() throws Exception {
		String schema = new ClassPathResource("dev/durable/store/schema-h2.sql")
			.getContentAsString(StandardCharsets.UTF_8);
		execute(schema.split(";\\s*\\n"));
		this.journal.createStepTable();
		completed("c-0001");
		completed("c-0002");
	}

	@Test
	void passesWhenEveryWorkflowCompletedOnce() {
		assertThatCode(() -> this.journal.assertNothingLostOrStuck("c", List.of("c-0001", "c-0002")))
			.doesNotThrowAnyException();
	}

	@Test
	void namesAnAcknowledgedStartThatIsMissing() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.journal.assertNothingLostOrStuck("c", List.of("c-0001", "c-0002", "c-0003")))
			.withMessageContaining("lost")
			.withMessageContaining("c-0003");
	}

	@Test
	void namesAStepCommittedTwice() throws Exception {
		execute("insert into chaos_step (workflow_id, step, node, attempt) values ('c-0002', 'second', 'n', 2)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.journal.assertNothingLostOrStuck("c", List.of("c-0001")))
			.withMessageContaining("did not commit exactly once")
			.withMessageContaining("c-0002")
			.withMessageContaining("1/2");
	}

	@Test
	void namesAJournalWithAGap() throws Exception {
		execute("delete from durable_event where workflow_id = 'c-0001' and seq = 3");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.journal.assertNothingLostOrStuck("c", List.of("c-0001")))
			.withMessageContaining("c-0001")
			.withMessageContaining("WORKFLOW_STARTED@1,ACTIVITY_COMPLETED@2,ACTIVITY_COMPLETED@4");
	}

	@Test
	void namesAJournalThatRecordedAStepTwice() throws Exception {
		execute("insert into durable_event (workflow_id, seq, step, kind, name, attempt, recorded_at) "
				+ "values ('c-0002', 6, 3, 'ACTIVITY_COMPLETED', 'ChaosSteps.second', 1, current_timestamp)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.journal.assertNothingLostOrStuck("c", List.of("c-0002")))
			.withMessageContaining("c-0002")
			.withMessageContaining("ACTIVITY_COMPLETED@6");
	}

	@Test
	void namesAWorkflowThatDidNotComplete() throws Exception {
		execute("update durable_workflow set status = 'WAITING' where id = 'c-0001'");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.journal.assertNothingLostOrStuck("c", List.of("c-0001")))
			.withMessageContaining("did not complete")
			.withMessageContaining("c-0001")
			.withMessageContaining("WAITING");
	}

	private void completed(String id) throws SQLException {
		execute("insert into durable_workflow (id, type, status, input, created_at, updated_at) values ('" + id
				+ "', 'ChaosWorkflow.run', 'COMPLETED', '[]', current_timestamp, current_timestamp)",
				"insert into chaos_step (workflow_id, step, node, attempt) values ('" + id + "', 'first', 'n', 1)",
				"insert into chaos_step (workflow_id, step, node, attempt) values ('" + id + "', 'second', 'n', 1)");
		for (int seq = 1; seq <= ChaosJournal.JOURNAL.size(); seq++) {
			execute("insert into durable_event (workflow_id, seq, step, kind, name, attempt, recorded_at) values ('"
					+ id + "', " + seq + ", " + seq + ", '" + ChaosJournal.JOURNAL.get(seq - 1)
					+ "', 'x', 1, current_timestamp)");
		}
	}

	private void execute(String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url, "sa", "");
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				if (!sql.isBlank()) {
					statement.execute(sql);
				}
			}
		}
	}

}
