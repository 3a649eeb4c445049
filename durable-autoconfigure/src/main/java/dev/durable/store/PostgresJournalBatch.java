package dev.durable.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import dev.durable.engine.journal.JournalEvent;
import dev.durable.engine.journal.NewWorkflow;
import dev.durable.engine.journal.WorkflowEnd;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: the writes of a group commit, of any kinds, as one statement. Each column travels
 * as an array and {@code unnest} turns the arrays back into rows, so the statement is the same
 * whatever the number of writes, with one part per kind the batch holds (seven statements in all):
 * one round trip, one execution and, on an
 * auto-commit connection, one implicit transaction, all of it or none. A JDBC batch would
 * execute one statement per write and needs one batch per kind, each a round trip inside an
 * explicit transaction.
 *
 * <p>Every write is numbered by its place in the batch. A create is made if its id is new (a start's
 * id, which its caller chose, may exist: that create is skipped, with no event); a finish is made if its update found the claim, an append if the claim is on the
 * row. Events are inserted for the writes made, and the statement returns their numbers, with
 * each step's cancel flag. The
 * steps look their claims up one by one ({@code lateral ... limit 1}), a key lookup in any plan:
 * as a join, PostgreSQL's cached plan for a table it last saw nearly empty reads the table whole
 * (see {@link JournalAnalyzer}). The ends' update finds its rows by key through the same kind of
 * join; its always-true filter on the writes' numbers, a range the planner reckons keeps one row,
 * makes that row cheaper to look up by key than to find by reading the table, even in a plan made
 * before PostgreSQL has analyzed the table (when it guesses ten pages) and kept after it grew. The
 * statement reads one snapshot: that is sound because a workflow makes one write at a time, so no
 * batch holds two writes of the same run. A finish that carries the run's last step inserts both
 * events under its number: both are made if its update found the claim, neither if not.
 */
final class PostgresJournalBatch {

	/** An array parameter as written in the statement: {@code ?::varchar[]}. */
	private static final Pattern ARRAY_PARAMETER = Pattern.compile("\\?::\\w+\\[\\]");

	private static final String CREATED = """
			created as (
			  insert into durable_workflow (id, type, status, input, owner, run_token, due_at, created_at,
			    updated_at, deadline_at, priority, cancel_requested, run_attempts)
			  select c.id, c.type, 'RUNNING', c.input, c.owner, c.run_token, c.due_at, c.created_at, c.created_at,
			    c.deadline_at, c.priority, false, 1
			  from unnest(?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::timestamptz[],
			    ?::timestamptz[], ?::timestamptz[], ?::int[])
			    as c(id, type, input, owner, run_token, due_at, created_at, deadline_at, priority)
			  on conflict (id) do nothing
			  returning id
			)""";

	private static final String FINISHED = """
			finished as (
			  update durable_workflow w set status = f.status, result = f.result, error_type = f.error_type,
			    error = f.error, owner = null, run_token = null, waiting_for = null, due_at = null, updated_at = f.at,
			    run_attempts = 0, last_run_error = null
			  from unnest(?::int[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[], ?::text[],
			    ?::timestamptz[]) as f(write, id, run_token, status, result, error_type, error, at)
			  where f.write between 0 and 2147483647 and w.id = f.id and w.run_token = f.run_token
			  returning f.write
			)""";

	private static final String APPENDED = """
			appended as (
			  select a.write, w.cancel_requested from unnest(?::int[], ?::varchar[], ?::varchar[])
			    as a(write, id, run_token)
			  cross join lateral (select cancel_requested from durable_workflow
			    where id = a.id and run_token = a.run_token limit 1) w
			)""";

	private static final String MADE_BY_FINISHED = "select write, false as cancel_requested from finished";

	private static final String MADE_BY_APPENDED = "select write, cancel_requested from appended";

	private static final String MADE_BY_CREATED = "select c.write, false as cancel_requested "
			+ "from unnest(?::int[], ?::varchar[]) as c(write, id) where c.id in (select id from created)";

	private static final String EVENTS = """
			events as (
			  insert into durable_event (workflow_id, seq, step, kind, name, attempt, input, output, error_type,
			    error, recorded_at, started_at)
			  select e.workflow_id, e.seq, e.step, e.kind, e.name, e.attempt, e.input, e.output, e.error_type,
			    e.error, e.recorded_at, e.started_at
			  from unnest(?::int[], ?::varchar[], ?::int8[], ?::int[], ?::varchar[], ?::varchar[], ?::int[], ?::text[],
			    ?::text[], ?::varchar[], ?::text[], ?::timestamptz[], ?::timestamptz[])
			    as e(write, workflow_id, seq, step, kind, name, attempt, input, output, error_type, error, recorded_at,
			    started_at)
			  where e.write in (select write from made)
			)""";

	private static final int CREATES = 1;

	private static final int FINISHES = 2;

	private static final int APPENDS = 4;

	/** The statement for each mix of kinds, indexed by {@link #CREATES}, {@link #FINISHES}, {@link #APPENDS}. */
	private static final String[] STATEMENTS = new String[8];

	static {
		for (int kinds = 1; kinds < STATEMENTS.length; kinds++) {
			STATEMENTS[kinds] = compose(kinds);
		}
	}

	private PostgresJournalBatch() {
	}

	/**
	 * The statement for a batch holding the given kinds of writes: only the parts they need, since
	 * each part costs its execution even when its arrays are empty (a batch of steps alone ran
	 * about a fifth faster without the parts for starts and ends). Seven statements, each
	 * prepared and planned once per connection.
	 */
	static String sql(boolean creates, boolean finishes, boolean appends) {
		int kinds = (creates ? CREATES : 0) | (finishes ? FINISHES : 0) | (appends ? APPENDS : 0);
		if (kinds == 0) {
			throw new IllegalArgumentException("A batch holds at least one write");
		}
		return STATEMENTS[kinds];
	}

	private static String compose(int kinds) {
		List<String> parts = new ArrayList<>();
		List<String> made = new ArrayList<>();
		if ((kinds & CREATES) != 0) {
			parts.add(CREATED);
		}
		if ((kinds & FINISHES) != 0) {
			parts.add(FINISHED);
			made.add(MADE_BY_FINISHED);
		}
		if ((kinds & APPENDS) != 0) {
			parts.add(APPENDED);
			made.add(MADE_BY_APPENDED);
		}
		if ((kinds & CREATES) != 0) {
			made.add(MADE_BY_CREATED);
		}
		parts.add("made as (\n  " + String.join("\n  union all ", made) + "\n)");
		parts.add(EVENTS);
		return planOnce("with " + String.join(", ", parts) + "\nselect write, cancel_requested from made");
	}

	/**
	 * Hide the arrays' lengths from the planner, so that PostgreSQL plans the statement once per
	 * connection. Given the arrays as constants, each execution's own plan knows every batch's
	 * size and always looks cheaper than the plan for any size, so PostgreSQL never settles on the
	 * cached one and plans this large statement again on every execution (0.6 to 1 ms, more than
	 * running it, measured with {@code explain analyze}). Read through a scalar subquery, an array is
	 * of unknown length to every plan, the plans cost the same, and after its first five executions
	 * the prepared statement keeps one plan (50 us to plan).
	 */
	private static String planOnce(String sql) {
		return ARRAY_PARAMETER.matcher(sql).replaceAll((parameter) -> "(select " + parameter.group() + ")");
	}

	/**
	 * Make the writes in one statement on the given connection.
	 * @return for each write, in order, what became of it
	 */
	static WriteOutcome[] write(Connection connection, List<JournalWrite> writes) throws SQLException {
		Columns created = new Columns(9);
		Columns finished = new Columns(8);
		Columns appended = new Columns(3);
		Columns createdWrites = new Columns(2);
		Columns events = new Columns(13);
		for (int i = 0; i < writes.size(); i++) {
			JournalWrite write = writes.get(i);
			if (write instanceof JournalWrite.Append append) {
				appended.add(i, append.claim().workflowId(), append.claim().runToken());
			}
			else if (write instanceof JournalWrite.Finish finish) {
				WorkflowEnd end = finish.end();
				finished.add(i, finish.claim().workflowId(), finish.claim().runToken(), end.status().name(),
						end.result(), end.errorType(), end.error(), text(finish.event().timestamp()));
			}
			else {
				JournalWrite.Create create = (JournalWrite.Create) write;
				NewWorkflow workflow = create.workflow();
				created.add(workflow.id(), workflow.type(), workflow.input(), workflow.owner(),
						workflow.claim().runToken(), text(workflow.leaseUntil()), text(workflow.createdAt()),
						(workflow.deadline() != null) ? text(workflow.deadline()) : null, workflow.priority());
				createdWrites.add(i, workflow.id());
			}
			for (JournalEvent made : write.events()) {
				events.add(i, write.workflowId(), made.seq(), made.step(), made.kind().name(), made.name(),
						made.attempt(), made.input(), made.output(), made.errorType(), made.error(),
						text(made.timestamp()), (made.startedAt() != null) ? text(made.startedAt()) : null);
			}
		}
		String sql = sql(!createdWrites.isEmpty(), !finished.isEmpty(), !appended.isEmpty());
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			// In the order of the statement's parts: created, finished, appended, made, events.
			int next = created.bind(connection, statement, 1, "varchar", "varchar", "text", "varchar", "varchar",
					"text", "text", "text", "int4");
			next = finished.bind(connection, statement, next, "int4", "varchar", "varchar", "varchar", "text",
					"varchar", "text", "text");
			next = appended.bind(connection, statement, next, "int4", "varchar", "varchar");
			next = createdWrites.bind(connection, statement, next, "int4", "varchar");
			events.bind(connection, statement, next, "int4", "varchar", "int8", "int4", "varchar", "varchar", "int4",
					"text", "text", "varchar", "text", "text", "text");
			WriteOutcome[] outcomes = new WriteOutcome[writes.size()];
			Arrays.fill(outcomes, WriteOutcome.REFUSED);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					outcomes[rows.getInt(1)] = rows.getBoolean(2) ? WriteOutcome.MADE_CANCEL_REQUESTED : WriteOutcome.MADE;
				}
			}
			return outcomes;
		}
	}

	/** Timestamps travel as ISO-8601 text, which PostgreSQL casts to timestamptz exactly. */
	private static String text(Instant instant) {
		return instant.toString();
	}

	/** Values gathered column by column, to be bound as one array per column. */
	private static final class Columns {

		private final List<List<@Nullable Object>> columns = new ArrayList<>();

		Columns(int count) {
			for (int i = 0; i < count; i++) {
				this.columns.add(new ArrayList<>());
			}
		}

		void add(@Nullable Object... row) {
			for (int i = 0; i < row.length; i++) {
				this.columns.get(i).add(row[i]);
			}
		}

		boolean isEmpty() {
			return this.columns.get(0).isEmpty();
		}

		/** Bind the columns from {@code first} on, unless they are empty: then the statement has no part for them. */
		int bind(Connection connection, PreparedStatement statement, int first, String... types) throws SQLException {
			if (isEmpty()) {
				return first;
			}
			for (int i = 0; i < types.length; i++) {
				Array array = connection.createArrayOf(types[i], this.columns.get(i).toArray());
				statement.setArray(first + i, array);
			}
			return first + types.length;
		}

	}

}
