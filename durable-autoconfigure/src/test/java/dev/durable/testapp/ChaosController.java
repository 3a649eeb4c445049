package dev.durable.testapp;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.durable.WorkflowClient;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a batch of chaos workflows over HTTP, ids {@code <prefix>-0001} and up. Starting is
 * idempotent per id, so a batch cut short by a stopping node can be sent again to another one.
 * Counts a batch's workflows by status too, for tests on an H2 file that only the running
 * application can open.
 */
@RestController
public class ChaosController {

	private final WorkflowClient client;

	private final ChaosWorkflow workflows;

	private final JdbcTemplate jdbc;

	public ChaosController(WorkflowClient client, ChaosWorkflow workflows, JdbcTemplate jdbc) {
		this.client = client;
		this.workflows = workflows;
		this.jdbc = jdbc;
	}

	@PostMapping("/test/chaos")
	public Map<String, Integer> start(@RequestParam String prefix, @RequestParam int from, @RequestParam int count,
			@RequestParam long sleepMillis) {
		for (int i = from; i < from + count; i++) {
			String id = id(prefix, i);
			this.client.start(id, () -> this.workflows.run(id, sleepMillis));
		}
		return Map.of("started", count);
	}

	@GetMapping("/test/chaos/statuses")
	public Map<String, Integer> statuses(@RequestParam String prefix) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		this.jdbc.query("select status, count(*) from durable_workflow where id like ? group by status order by status",
				(row) -> {
					counts.put(row.getString(1), row.getInt(2));
				}, prefix + "-%");
		return counts;
	}

	/**
	 * Return the id of the i-th chaos workflow of a batch.
	 * @param prefix the batch's prefix
	 * @param i the number
	 * @return the id
	 */
	public static String id(String prefix, int i) {
		return String.format("%s-%04d", prefix, i);
	}

}
