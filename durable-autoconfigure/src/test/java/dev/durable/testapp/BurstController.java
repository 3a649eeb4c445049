package dev.durable.testapp;

import java.util.Map;

import dev.durable.WorkflowClient;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts bursts of concurrent workflows over HTTP.
 */
@RestController
public class BurstController {

	private final WorkflowClient client;

	private final BurstWorkflow bursts;

	public BurstController(WorkflowClient client, BurstWorkflow bursts) {
		this.client = client;
		this.bursts = bursts;
	}

	@PostMapping("/test/burst")
	public Map<String, Integer> burst(@RequestParam String prefix, @RequestParam int workflows,
			@RequestParam int steps) {
		for (int i = 0; i < workflows; i++) {
			String id = prefix + "-" + i;
			this.client.start(id, () -> this.bursts.run(id, steps));
		}
		return Map.of("started", workflows);
	}

}
