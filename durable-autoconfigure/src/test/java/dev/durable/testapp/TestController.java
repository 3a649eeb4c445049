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

	private final TransferWorkflow transfers;

	private final PoisonWorkflow poisons;

	public TestController(WorkflowClient client, ApprovalWorkflow approvals, TransferWorkflow transfers,
			PoisonWorkflow poisons) {
		this.client = client;
		this.approvals = approvals;
		this.transfers = transfers;
		this.poisons = poisons;
	}

	@PostMapping("/test/halting/{id}")
	public Map<String, String> halting(@PathVariable String id, @RequestParam String marker,
			@RequestParam String runs) {
		this.client.start(id, () -> this.poisons.halting(marker, runs));
		return Map.of("id", id);
	}

	@PostMapping("/test/recovering/{id}")
	public Map<String, String> recovering(@PathVariable String id) {
		this.client.start(id, () -> this.transfers.recovering(id));
		return Map.of("id", id);
	}

	@PostMapping("/test/sleepy/{id}")
	public Map<String, String> sleepy(@PathVariable String id, @RequestParam long millis) {
		this.client.start(id, () -> this.approvals.sleepy(id, millis));
		return Map.of("id", id);
	}

}
