package dev.durable.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.durable.WorkflowNotFoundException;
import dev.durable.engine.journal.LoadedWorkflow;
import dev.durable.engine.journal.WorkflowFilter;
import dev.durable.engine.journal.WorkflowQueries;
import dev.durable.engine.journal.WorkflowRecord;
import dev.durable.engine.run.ReplayChecker;
import org.jspecify.annotations.Nullable;

/**
 * Replays recorded journals against the current workflow code and reports non-determinism: a
 * call the code now makes where the journal recorded another one. Nothing runs (no activity, no
 * timer) and nothing is written; the first call past the end of a journal ends its replay.
 *
 * <p>Journals come from the actuator, exported from a real database, or from the test's own
 * database:
 * <pre class="code">
 * // in CI, against journals saved with: curl localhost:8080/actuator/workflows/order-42 &gt; order-42.json
 * replayer.replayExported(Path.of("src/test/resources/journals")).assertDeterministic();
 * // against workflows a test ran
 * replayer.replayStored(orderId).assertDeterministic();
 * </pre>
 *
 * <p>A bean in every {@link DurableTest}; the application's workflow beans are the code replayed.
 */
public final class WorkflowReplayer {

	private static final int MAX_STORED = 10_000;

	private final ReplayChecker checker;

	private final WorkflowQueries queries;

	private final ExportedJournals exported = new ExportedJournals();

	/**
	 * Create the replayer on the engine's replay check.
	 */
	WorkflowReplayer(ReplayChecker checker, WorkflowQueries queries) {
		this.checker = Objects.requireNonNull(checker, "checker");
		this.queries = Objects.requireNonNull(queries, "queries");
	}

	/**
	 * Replay journals exported from the actuator ({@code GET /actuator/workflows/{id}}): each path
	 * is such a JSON file, a file holding a JSON array of them, or a directory whose {@code .json}
	 * files (searched recursively, in name order) are.
	 * @param paths the files or directories
	 * @return the report
	 * @throws UncheckedIOException if a file cannot be read
	 * @throws IllegalArgumentException if a file is not an exported workflow
	 */
	public ReplayReport replayExported(Path... paths) {
		List<ReplayReport.Entry> entries = new ArrayList<>();
		for (Path path : paths) {
			for (Path file : jsonFiles(path)) {
				for (LoadedWorkflow workflow : this.exported.read(file)) {
					entries.add(replay(workflow, file.toString()));
				}
			}
		}
		return new ReplayReport(entries);
	}

	/**
	 * Replay journals exported from the actuator, given as JSON text (one workflow or an array).
	 * @param json the exported JSON
	 * @return the report
	 * @throws IllegalArgumentException if it is not an exported workflow
	 */
	public ReplayReport replayExported(String json) {
		return new ReplayReport(
				this.exported.read(json, "JSON text").stream().map((workflow) -> replay(workflow, "JSON text")).toList());
	}

	/**
	 * Replay workflows stored in the application's database.
	 * @param workflowIds the workflows
	 * @return the report
	 * @throws WorkflowNotFoundException if one of them does not exist
	 */
	public ReplayReport replayStored(String... workflowIds) {
		List<ReplayReport.Entry> entries = new ArrayList<>();
		for (String workflowId : workflowIds) {
			WorkflowRecord workflow = this.queries.find(workflowId)
				.orElseThrow(() -> new WorkflowNotFoundException("No workflow with id '" + workflowId + "' to replay"));
			entries.add(entry(workflow.id(), workflow.type(), "database", this.checker.check(workflowId)));
		}
		return new ReplayReport(entries);
	}

	/**
	 * Replay every workflow stored in the application's database (up to 10,000, newest first).
	 * @return the report
	 */
	public ReplayReport replayAllStored() {
		return replayAllStored(null);
	}

	/**
	 * Replay every workflow stored in the application's database (up to 10,000, newest first),
	 * or those of one type.
	 * @param type the workflow type ({@code OrderWorkflow.process}, or the name given with
	 * {@code @DurableWorkflow(name = ...)}), or null for all
	 * @return the report
	 */
	public ReplayReport replayAllStored(@Nullable String type) {
		List<WorkflowRecord> workflows = this.queries.list(new WorkflowFilter(null, type, null, null), MAX_STORED);
		return replayStored(workflows.stream().map(WorkflowRecord::id).toArray(String[]::new));
	}

	private ReplayReport.Entry replay(LoadedWorkflow loaded, String source) {
		WorkflowRecord workflow = loaded.workflow();
		return entry(workflow.id(), workflow.type(), source, this.checker.check(workflow, loaded.journal()));
	}

	private static ReplayReport.Entry entry(String id, String type, String source, ReplayChecker.ReplayResult result) {
		return new ReplayReport.Entry(id, type, source, result.deterministic(), result.detail());
	}

	private static List<Path> jsonFiles(Path path) {
		if (!Files.exists(path)) {
			throw new IllegalArgumentException("No exported journal at " + path.toAbsolutePath()
					+ "; save one with curl localhost:8080/actuator/workflows/<id> > <id>.json");
		}
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		try (Stream<Path> files = Files.walk(path)) {
			return files.filter((file) -> Files.isRegularFile(file) && file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list exported journals in " + path, ex);
		}
	}

}
