package dev.durable.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The floor of the side-by-side harness ({@code peers-bench}, its engine {@code jdbc}), so that the
 * two harnesses divide by the same thing: two lean tables with nothing but their primary keys, one
 * pooled connection per workflow, and each durable write one auto-committed statement. A workflow
 * of three activities is five statements: insert the workflow row, insert one row per activity,
 * update the workflow row with the result. No run token, no lease, no start or end event: what the
 * engine writes beyond this, and the indexes its tables carry for claims and the console, count as
 * engine overhead.
 */
final class MinimalFloorWrites {

	private static final String INSERT_WORKFLOW = "insert into floor_workflow (id, status, input) values (?, 'PENDING', ?)";

	private static final String INSERT_STEP = "insert into floor_step (workflow_id, step_no, output) values (?, ?, ?)";

	private static final String FINISH = "update floor_workflow set status = 'SUCCESS', output = ?, "
			+ "updated_at = current_timestamp where id = ?";

	private final DataSource pool;

	/**
	 * Create the floor's tables, empty.
	 * @param pool the floor's pool
	 * @param postgresql whether the database is PostgreSQL, where the tables are peers-bench's
	 * exactly ({@code text}, {@code timestamptz}); elsewhere the same columns in portable types
	 */
	MinimalFloorWrites(DataSource pool, boolean postgresql) throws SQLException {
		this.pool = pool;
		String text = postgresql ? "text" : "varchar(4000)";
		String id = postgresql ? "text" : "varchar(255)";
		String time = postgresql ? "timestamptz" : "timestamp(6)";
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create table if not exists floor_workflow (id " + id + " primary key, status "
					+ id + " not null, input " + text + ", output " + text + ", created_at " + time
					+ " default current_timestamp not null, updated_at " + time + ")");
			statement.execute("create table if not exists floor_step (workflow_id " + id
					+ " not null, step_no int not null, output " + text + ", created_at " + time
					+ " default current_timestamp not null, primary key (workflow_id, step_no))");
			statement.execute("delete from floor_step");
			statement.execute("delete from floor_workflow");
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
	}

	/**
	 * Run one workflow of {@code steps} activities.
	 * @return its id
	 */
	String run(String key, int steps) throws SQLException {
		String id = UUID.randomUUID().toString();
		try (Connection connection = this.pool.getConnection()) {
			if (!connection.getAutoCommit()) {
				connection.setAutoCommit(true);
			}
			try (PreparedStatement insert = connection.prepareStatement(INSERT_WORKFLOW)) {
				insert.setString(1, id);
				insert.setString(2, "[\"" + key + "\"," + steps + "]");
				insert.executeUpdate();
			}
			for (int step = 1; step <= steps; step++) {
				try (PreparedStatement insert = connection.prepareStatement(INSERT_STEP)) {
					insert.setString(1, id);
					insert.setInt(2, step);
					insert.setString(3, "\"ok-" + step + "\"");
					insert.executeUpdate();
				}
			}
			try (PreparedStatement finish = connection.prepareStatement(FINISH)) {
				finish.setString(1, "\"done-" + key + "\"");
				finish.setString(2, id);
				if (finish.executeUpdate() != 1) {
					throw new IllegalStateException("The row of workflow " + id + " vanished");
				}
			}
		}
		return id;
	}

	/**
	 * Load a workflow's row and its steps, in order, as W3's floor.
	 * @return the steps, each as its number and output
	 */
	List<Object[]> load(String id) throws SQLException {
		List<Object[]> steps = new ArrayList<>();
		try (Connection connection = this.pool.getConnection()) {
			try (PreparedStatement workflow = connection.prepareStatement("select * from floor_workflow where id = ?")) {
				workflow.setString(1, id);
				try (ResultSet row = workflow.executeQuery()) {
					row.next();
				}
			}
			try (PreparedStatement journal = connection
				.prepareStatement("select * from floor_step where workflow_id = ? order by step_no")) {
				journal.setString(1, id);
				try (ResultSet rows = journal.executeQuery()) {
					while (rows.next()) {
						steps.add(new Object[] { rows.getInt("step_no"), rows.getString("output") });
					}
				}
			}
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		return steps;
	}

}
