package dev.durable.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The packaged sample application running as a real JVM process, for crash tests.
 */
final class SampleProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private SampleProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Start the sample jar and wait until it serves HTTP.
	 */
	static SampleProcess start(Path workDir, String name, List<String> arguments) throws Exception {
		String jar = System.getProperty("sample.jar");
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("The packaged sample jar (system property sample.jar = " + jar
					+ ") is missing; run these tests with 'mvnw verify', which packages it first");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-jar", jar, "--server.port=" + port));
		command.addAll(arguments);
		Path log = workDir.resolve(name + ".log");
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		SampleProcess sample = new SampleProcess(process, port, log);
		sample.awaitHttp(Duration.ofSeconds(90));
		return sample;
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Poll a path until its body satisfies the condition.
	 */
	String awaitBody(String path, Predicate<String> condition, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The sample process died; its log:\n" + logTail());
			}
			HttpResponse<String> response = get(path);
			last = response.body();
			if (response.statusCode() == 200 && condition.test(last)) {
				return last;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Timed out after " + timeout + " waiting on " + path + "; last body: " + last
				+ "\nLog:\n" + logTail());
	}

	/**
	 * Kill the process the hard way: SIGKILL, no shutdown hooks, no graceful anything.
	 */
	void killHard() throws Exception {
		Process kill = new ProcessBuilder("kill", "-9", Long.toString(this.process.pid())).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -9 " + this.process.pid() + " failed");
		}
		this.process.waitFor();
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
					java.util.concurrent.TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
			}
		}
	}

	private void awaitHttp(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The sample process exited during start-up; its log:\n" + logTail());
			}
			try {
				if (get("/actuator/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The sample did not start within " + timeout + "; its log:\n" + logTail());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
