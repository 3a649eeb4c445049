package dev.durable.testapp;

import java.util.Map;

import dev.durable.WorkflowClient;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a batch of chaos workflows over HTTP, ids {@code <prefix>-0001} and up. Starting is
 * idempotent per id, so a batch cut short by a stopping node can be sent again to another one.
 */
@RestController
public class ChaosController {

	private final WorkflowClient client;

	private final ChaosWorkflow workflows;

	public ChaosController(WorkflowClient client, ChaosWorkflow workflows) {
		this.client = client;
		this.workflows = workflows;
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
