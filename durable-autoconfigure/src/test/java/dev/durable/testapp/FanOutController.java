package dev.durable.testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.durable.DurableFuture;
import dev.durable.Workflow;
import dev.durable.WorkflowClient;
import dev.durable.annotation.DurableWorkflow;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts a logged fan-out over HTTP and reports which of its activities ran in which process, for
 * the crash test that kills the process in the middle of it.
 */
@RestController
public class FanOutController {

	private final WorkflowClient client;

	private final LoggedFanOut fanOut;

	private final FanOutLog log;

	public FanOutController(WorkflowClient client, LoggedFanOut fanOut, FanOutLog log) {
		this.client = client;
		this.fanOut = fanOut;
		this.log = log;
	}

	@PostMapping("/test/fan-out/{id}")
	public Map<String, String> start(@PathVariable String id, @RequestParam int count, @RequestParam long millis) {
		this.client.start(id, () -> this.fanOut.fanOut(id, count, millis));
		return Map.of("id", id);
	}

	@GetMapping("/test/fan-out/{id}/runs")
	public List<Map<String, Object>> runs(@PathVariable String id) {
		return this.log.runs(id);
	}

	/**
	 * Fans out logged activities and sums their indexes.
	 */
	@DurableWorkflow
	public static class LoggedFanOut {

		private final FanOutLog log;

		public LoggedFanOut(FanOutLog log) {
			this.log = log;
		}

		public int fanOut(String id, int count, long millis) {
			List<DurableFuture<FanOutLog.Ran>> runs = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				runs.add(Workflow.async(() -> this.log.run(id, index, millis)));
			}
			DurableFuture.allOf(runs).get();
			int sum = 0;
			for (DurableFuture<FanOutLog.Ran> run : runs) {
				sum += run.get().index();
			}
			return sum;
		}

	}

}
