package dev.durable.testapp;

import java.util.List;
import java.util.Map;

import dev.durable.WorkflowClient;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts {@link LastStepWorkflow} over HTTP and reports which process generation ran each of its
 * steps, for a test that cannot read an embedded database the application holds open.
 */
@RestController
public class LastStepController {

	private final WorkflowClient client;

	private final LastStepWorkflow workflows;

	private final JdbcTemplate jdbc;

	public LastStepController(WorkflowClient client, LastStepWorkflow workflows, JdbcTemplate jdbc) {
		this.client = client;
		this.workflows = workflows;
		this.jdbc = jdbc;
	}

	@PostMapping("/test/last-step/{id}")
	public Map<String, String> start(@PathVariable String id) {
		this.client.start(id, () -> this.workflows.run(id));
		return Map.of("id", id);
	}

	/** Each execution of a step, as {@code step@generation}, sorted. */
	@GetMapping("/test/last-step/{id}/runs")
	public List<String> runs(@PathVariable String id) {
		return this.jdbc.queryForList("select step, generation from step_run where run_key = ?", id)
			.stream()
			.map((row) -> row.get("step") + "@" + row.get("generation"))
			.sorted()
			.toList();
	}

}
