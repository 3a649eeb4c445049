package dev.durable.testapp;

import java.util.Map;

import dev.durable.WorkflowClient;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts test workflows over HTTP, for tests that run the application as a separate process.
 */
@RestController
public class TestController {

	private final WorkflowClient client;

	private final ApprovalWorkflow approvals;

	public TestController(WorkflowClient client, ApprovalWorkflow approvals) {
		this.client = client;
		this.approvals = approvals;
	}

	@PostMapping("/test/sleepy/{id}")
	public Map<String, String> sleepy(@PathVariable String id, @RequestParam long millis) {
		this.client.start(id, () -> this.approvals.sleepy(id, millis));
		return Map.of("id", id);
	}

}
