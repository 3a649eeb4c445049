package dev.durable.testapp;

import java.util.Map;

import dev.durable.StartOptions;
import dev.durable.WorkflowClient;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts queued workflows over HTTP, for tests that run the application as separate processes.
 */
@RestController
public class QueueController {

	private final WorkflowClient client;

	private final QueuedWorkflow workflows;

	public QueueController(WorkflowClient client, QueuedWorkflow workflows) {
		this.client = client;
		this.workflows = workflows;
	}

	/**
	 * Start {@code <prefix>-<from>} to {@code <prefix>-<from + count - 1>} in a queue, each
	 * sleeping durably for {@code millis}, or holding its node's thread that long if {@code hold}.
	 */
	@PostMapping("/test/queue")
	public Map<String, Integer> start(@RequestParam String queue, @RequestParam String prefix,
			@RequestParam int from, @RequestParam int count, @RequestParam long millis,
			@RequestParam(defaultValue = "false") boolean hold) {
		for (int i = from; i < from + count; i++) {
			String id = prefix + "-" + i;
			StartOptions options = StartOptions.id(id).queue(queue);
			if (hold) {
				this.client.start(options, () -> this.workflows.busy(id, millis));
			}
			else {
				this.client.start(options, () -> this.workflows.work(id, millis));
			}
		}
		return Map.of("started", count);
	}

}
