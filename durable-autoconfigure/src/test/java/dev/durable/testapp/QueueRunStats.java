package dev.durable.testapp;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads what {@link QueueRuns} recorded and measures it: the most runs at once, the most starts
 * within a window.
 */
public final class QueueRunStats {

	private QueueRunStats() {
	}

	/**
	 * Read the runs of a batch from a table reached by any template.
	 * @param jdbc the template
	 * @param prefix the batch's id prefix
	 * @return the runs, [started, ended, number in the batch]
	 */
	public static List<long[]> read(JdbcTemplate jdbc, String prefix) {
		return jdbc.query("select workflow_id, started_at, ended_at from queue_run where workflow_id like ? "
				+ "order by started_at, workflow_id", (row, i) -> {
					String id = row.getString(1);
					return new long[] { row.getLong(2), row.getLong(3),
							Long.parseLong(id.substring(id.lastIndexOf('-') + 1)) };
				}, prefix + "-%");
	}

	/**
	 * Read the runs of a batch that one node began.
	 * @param jdbc the template
	 * @param prefix the batch's id prefix
	 * @param node the node's id
	 * @return the runs, [started, ended, number in the batch]
	 */
	public static List<long[]> readOn(JdbcTemplate jdbc, String prefix, String node) {
		return read(jdbc, prefix).stream()
			.filter((run) -> node.equals(jdbc.queryForObject("select node from queue_run where workflow_id = ?",
					String.class, prefix + "-" + run[2])))
			.toList();
	}

	/**
	 * Read which nodes began the workflows of a batch.
	 * @param jdbc the template
	 * @param prefix the batch's id prefix
	 * @return the nodes' ids
	 */
	public static List<String> nodes(JdbcTemplate jdbc, String prefix) {
		return jdbc.queryForList("select distinct node from queue_run where workflow_id like ? order by node",
				String.class, prefix + "-%");
	}

	/**
	 * Read when each workflow of a batch began, as the claim that began it recorded it
	 * ({@code durable_workflow.begun_at}), in milliseconds. That claim is what a rate limit counts:
	 * the first record a workflow's own code makes follows it by however long the node took to
	 * hand it a thread.
	 * @param jdbc the template
	 * @param prefix the batch's id prefix
	 * @return the begins, [began, 0, number in the batch], by begin
	 */
	public static List<long[]> begins(JdbcTemplate jdbc, String prefix) {
		return jdbc.query("select id, begun_at from durable_workflow where id like ? order by begun_at, id",
				(row, i) -> {
					String id = row.getString(1);
					java.sql.Timestamp began = row.getTimestamp(2);
					return new long[] { (began != null) ? began.getTime() : -1, 0,
							Long.parseLong(id.substring(id.lastIndexOf('-') + 1)) };
				}, prefix + "-%");
	}

	/**
	 * The most runs that overlapped at any moment.
	 * @param runs the runs, all ended
	 * @return the largest overlap
	 */
	public static int maxOverlap(List<long[]> runs) {
		int most = 0;
		for (long[] run : runs) {
			// The overlap peaks at some run's start: count the runs going on at that moment.
			int overlapping = 0;
			for (long[] other : runs) {
				if (other[0] <= run[0] && run[0] < other[1]) {
					overlapping++;
				}
			}
			most = Math.max(most, overlapping);
		}
		return most;
	}

	/**
	 * The most starts within any window of the given length, [t, t + window).
	 * @param runs the runs
	 * @param windowMillis the window's length
	 * @return the most starts in one window
	 */
	public static int maxStartsInWindow(List<long[]> runs, long windowMillis) {
		int most = 0;
		for (long[] run : runs) {
			int inWindow = 0;
			for (long[] other : runs) {
				if (other[0] >= run[0] && other[0] < run[0] + windowMillis) {
					inWindow++;
				}
			}
			most = Math.max(most, inWindow);
		}
		return most;
	}

}
