package dev.durable.testapp;

import java.util.Map;

import dev.durable.WorkflowClient;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts workflows one by one and prints {@code ACKNOWLEDGED <id>} to standard output as soon as
 * each start has returned, so a crash test knows which starts the application acknowledged.
 */
@RestController
public class AcknowledgedController {

	private final WorkflowClient client;

	private final CountedWorkflow workflows;

	public AcknowledgedController(WorkflowClient client, CountedWorkflow workflows) {
		this.client = client;
		this.workflows = workflows;
	}

	@PostMapping("/test/acknowledged")
	public Map<String, Integer> start(@RequestParam String prefix, @RequestParam int count,
			@RequestParam int steps) {
		for (int i = 0; i < count; i++) {
			String id = prefix + "-" + i;
			this.client.start(id, () -> this.workflows.run(id, steps));
			System.out.println("ACKNOWLEDGED " + id);
		}
		return Map.of("started", count);
	}

}
