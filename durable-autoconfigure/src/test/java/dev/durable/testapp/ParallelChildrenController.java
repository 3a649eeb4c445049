package dev.durable.testapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.durable.DurableFuture;
import dev.durable.Workflow;
import dev.durable.WorkflowClient;
import dev.durable.annotation.Activity;
import dev.durable.annotation.DurableWorkflow;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts, over HTTP, a parent workflow that runs child workflows at once and joins them, for the
 * test that the children spread over the nodes sharing the database. Each child says which node
 * ran it.
 */
@RestController
public class ParallelChildrenController {

	private final WorkflowClient client;

	private final ChildrenParent parent;

	public ParallelChildrenController(WorkflowClient client, ChildrenParent parent) {
		this.client = client;
		this.parent = parent;
	}

	@PostMapping("/test/parallel-children/{id}")
	public Map<String, String> start(@PathVariable String id, @RequestParam int count, @RequestParam long millis) {
		this.client.start(id, () -> this.parent.runAll(count, millis));
		return Map.of("id", id);
	}

	/**
	 * Starts {@code count} children with {@code Workflow.async} and returns their results in order.
	 */
	@DurableWorkflow
	public static class ChildrenParent {

		private final PlacedChild child;

		public ChildrenParent(PlacedChild child) {
			this.child = child;
		}

		public List<String> runAll(int count, long millis) {
			List<DurableFuture<String>> children = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				children.add(Workflow.async(() -> this.child.run(index, millis)));
			}
			DurableFuture.allOf(children).get();
			return children.stream().map(DurableFuture::get).toList();
		}

	}

	/**
	 * A child workflow: its one activity runs on the node that runs the child.
	 */
	@DurableWorkflow
	public static class PlacedChild {

		private final NodeName node;

		public PlacedChild(NodeName node) {
			this.node = node;
		}

		public String run(int index, long millis) {
			return "child " + index + " ran on " + this.node.ranOn(millis);
		}

	}

	/**
	 * Takes a while, then names the node it ran on.
	 */
	@Activity
	public static class NodeName {

		private final String nodeId;

		public NodeName(@Value("${durable.node-id:local}") String nodeId) {
			this.nodeId = nodeId;
		}

		public String ranOn(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted on " + this.nodeId, ex);
			}
			return this.nodeId;
		}

	}

}
