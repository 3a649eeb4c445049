package dev.durable.testapp;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.durable.WorkflowClient;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts workflows that publish values, and reads those values, over HTTP, for tests that run the
 * application as separate processes.
 */
@RestController
public class StageController {

	private final WorkflowClient client;

	private final StageWorkflow stages;

	private final PublishedCommits commits;

	public StageController(WorkflowClient client, StageWorkflow stages, PublishedCommits commits) {
		this.client = client;
		this.stages = stages;
		this.commits = commits;
	}

	/**
	 * Tell whether this node published the workflow's {@code stage}.
	 */
	@GetMapping("/test/stages/{id}/published-here")
	public Map<String, Boolean> publishedHere(@PathVariable String id) {
		return Map.of("here", this.commits.committedAt(id, "stage") != null);
	}

	@PostMapping("/test/stages/relay/{id}")
	public Map<String, String> relay(@PathVariable String id) {
		this.client.start(id, () -> this.stages.relay(id));
		return Map.of("id", id);
	}

	@PostMapping("/test/stages/sleepy/{id}")
	public Map<String, String> sleepy(@PathVariable String id, @RequestParam long millis) {
		this.client.start(id, () -> this.stages.publishThenSleep(id, millis));
		return Map.of("id", id);
	}

	/**
	 * Read {@code stage} as text, waiting up to {@code millis}; answers with the value (null if not
	 * set in time) and the instant it returned.
	 */
	@GetMapping("/test/stages/{id}")
	public Map<String, Object> stage(@PathVariable String id, @RequestParam long millis) {
		Optional<Object> stage = this.client.getEvent(id, "stage", Object.class, Duration.ofMillis(millis));
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("stage", stage.orElse(null));
		answer.put("returnedAt", Instant.now().toString());
		return answer;
	}

}
