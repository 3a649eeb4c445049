package dev.durable.test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.durable.testapp.TestApplication;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node of a chaos test: the test application as a real JVM process, restartable under the
 * same {@code durable.node-id}, that starts chaos workflows over HTTP. Its log files are named
 * after the node and the number of the start, so that a killed run's log stays for the report.
 */
public final class ChaosNode implements AutoCloseable {

	private final String name;

	private final Path workDir;

	private final List<String> arguments;

	// Read by a test's starting thread while its fault thread restarts the node.
	private volatile @Nullable JvmProcess process;

	private int starts;

	/**
	 * Create a node; nothing runs until {@link #start()}.
	 * @param name the node id, and the prefix of its log files
	 * @param workDir the directory of the logs
	 * @param arguments the application's arguments (data source, durable settings)
	 */
	public ChaosNode(String name, Path workDir, List<String> arguments) {
		this.name = name;
		this.workDir = workDir;
		this.arguments = List.copyOf(arguments);
	}

	/**
	 * Return the arguments of a node of a PostgreSQL cluster under chaos: schema created by every
	 * node (they race), the product's default retry policy (retry until success) with short waits,
	 * and activities that take a while inside their transaction, so that faults land inside them.
	 * @param url the database's JDBC URL
	 * @param user the database user
	 * @param lease the lease duration
	 * @param extra further arguments
	 * @return the arguments
	 */
	public static List<String> postgresArguments(String url, String user, Duration lease, String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--durable.jdbc.initialize-schema=always",
				"--spring.jpa.hibernate.ddl-auto=none"));
		arguments.addAll(commonArguments(lease));
		arguments.addAll(List.of(extra));
		return arguments;
	}

	/**
	 * Return the arguments of a node on a MariaDB database.
	 * @param url the database's JDBC URL
	 * @param user the user
	 * @param password the password
	 * @param lease the lease duration
	 * @param extra further arguments
	 * @return the arguments
	 */
	public static List<String> mariaDbArguments(String url, String user, String password, Duration lease,
			String... extra) {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
				"--durable.jdbc.initialize-schema=always", "--spring.jpa.hibernate.ddl-auto=none"));
		arguments.addAll(commonArguments(lease));
		arguments.addAll(List.of(extra));
		return arguments;
	}

	/**
	 * Return the durable settings every chaos node runs with, whatever its database.
	 * @param lease the lease duration
	 * @return the arguments
	 */
	public static List<String> commonArguments(Duration lease) {
		return List.of("--durable.worker.lease-duration=" + lease.toMillis() + "ms", "--durable.worker.concurrency=4",
				"--durable.activity.default-retry.max-attempts=0",
				"--durable.activity.default-retry.initial-interval=200ms",
				"--durable.activity.default-retry.max-interval=2s", "--chaos.step-millis=150");
	}

	/**
	 * Start nodes in parallel, as a deployment starts its replicas: their schema initialisations
	 * race too.
	 * @param nodes the nodes
	 */
	public static void startAll(List<ChaosNode> nodes) {
		List<CompletableFuture<Void>> starts = new ArrayList<>();
		for (ChaosNode node : nodes) {
			starts.add(CompletableFuture.runAsync(() -> {
				try {
					node.start();
				}
				catch (Exception ex) {
					throw new IllegalStateException(node.name + " did not start: " + ex.getMessage(), ex);
				}
			}));
		}
		CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
	}

	/**
	 * Return the ends of the logs of nodes, for a failure message.
	 * @param nodes the nodes
	 * @return their log tails
	 */
	public static String logs(List<ChaosNode> nodes) {
		StringBuilder logs = new StringBuilder();
		nodes.forEach((node) -> logs.append(node.logTail()));
		return logs.toString();
	}

	/**
	 * Return the node's name, which is its {@code durable.node-id}.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Start the application and wait until it serves HTTP.
	 * @throws Exception if it does not start
	 */
	public synchronized void start() throws Exception {
		this.starts++;
		List<String> command = new ArrayList<>(this.arguments);
		command.add("--durable.node-id=" + this.name);
		JvmProcess started = JvmProcess.startMain(TestApplication.class, this.workDir, this.name + "-" + this.starts,
				command);
		this.process = started;
		// HTTP answers before the context has started its lifecycle beans (the worker among them);
		// "Started" is logged once the node is fully up.
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!Files.readString(started.log()).contains("Started " + TestApplication.class.getSimpleName())) {
			assertThat(started.isAlive()).as("%s still starting; its log:%n%s", this.name, started.logTail()).isTrue();
			assertThat(System.nanoTime()).as("%s fully started; its log:%n%s", this.name, started.logTail())
				.isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/**
	 * Return the running (or last) process.
	 * @return the process
	 */
	public JvmProcess process() {
		JvmProcess current = this.process;
		assertThat(current).as("%s was started", this.name).isNotNull();
		return current;
	}

	/**
	 * Tell whether the node's process is alive (it may be paused).
	 * @return {@code true} if it runs
	 */
	public boolean isRunning() {
		JvmProcess current = this.process;
		return current != null && current.isAlive();
	}

	/**
	 * Start chaos workflows {@code <prefix>-<from>} and up, failing the test if the node refuses.
	 * @param prefix the batch's prefix
	 * @param from the first number
	 * @param count how many
	 * @param sleepMillis the workflows' durable sleep
	 * @throws Exception if a request fails
	 */
	public void startWorkflows(String prefix, int from, int count, long sleepMillis) throws Exception {
		// In small requests, each well within the HTTP timeout on a busy machine.
		for (int first = from; first < from + count; first += 25) {
			int size = Math.min(25, from + count - first);
			HttpResponse<String> response = post(prefix, first, size, sleepMillis);
			assertThat(response.statusCode()).as("starting %d workflows through %s: %s", size, this.name,
					response.body()).isEqualTo(200);
		}
	}

	/**
	 * Try to start chaos workflows, as a client of a node that may be dying would: the start is
	 * acknowledged only if the node answered 200.
	 * @param prefix the batch's prefix
	 * @param from the first number
	 * @param count how many
	 * @param sleepMillis the workflows' durable sleep
	 * @return whether the node acknowledged the start
	 */
	public boolean tryStartWorkflows(String prefix, int from, int count, long sleepMillis) {
		try {
			return post(prefix, from, count, sleepMillis).statusCode() == 200;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return false;
		}
	}

	private HttpResponse<String> post(String prefix, int from, int count, long sleepMillis) throws Exception {
		return process().post("/test/chaos?prefix=" + prefix + "&from=" + from + "&count=" + count + "&sleepMillis="
				+ sleepMillis, "");
	}

	/**
	 * Return the end of the node's current log, headed by its name.
	 * @return the log's tail
	 */
	public String logTail() {
		JvmProcess current = this.process;
		return "\n--- " + this.name + (isRunning() ? "" : " (not running)") + " ---\n"
				+ ((current != null) ? current.logTail() : "(never started)");
	}

	@Override
	public void close() throws Exception {
		JvmProcess current = this.process;
		if (current != null) {
			current.close();
		}
	}

}
