package dev.durable.test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spring Boot application running as a real JVM process, for crash tests that kill it with
 * {@code kill -9} and start it again.
 */
public final class JvmProcess implements AutoCloseable {

	/**
	 * JVM options of every test process. They shorten an application's start, by about half on a
	 * loaded machine: the JIT compiles with C1 only, leaving out C2's costly compilations, which a
	 * short-lived test process never repays. The tests measure correctness, never speed.
	 */
	private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1");

	/**
	 * The line the web server logs once it listens. The process picks its own port
	 * ({@code --server.port=0}) and the test reads it here: a port chosen by the test and handed over
	 * could be taken by another process in between, which failed a CI run.
	 */
	private static final Pattern LISTENING = Pattern.compile("started on port (\\d+)");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final Path log;

	private volatile int port;

	private JvmProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Start an executable jar and wait until it serves HTTP.
	 * @param jar the jar
	 * @param workDir the working directory, where the log goes too
	 * @param name the log's name
	 * @param arguments the application's arguments
	 * @return the running process
	 * @throws Exception if it does not start
	 */
	public static JvmProcess startJar(String jar, Path workDir, String name, List<String> arguments) throws Exception {
		if (jar == null || !Files.isRegularFile(Path.of(jar))) {
			throw new IllegalStateException("The packaged jar " + jar + " is missing; run these tests with "
					+ "'mvnw verify', which packages it first");
		}
		return start(List.of("-jar", jar), workDir, name, arguments);
	}

	/**
	 * Start a main class on this test JVM's class path and wait until it serves HTTP.
	 * @param mainClass the application class
	 * @param workDir the working directory, where the log goes too
	 * @param name the log's name
	 * @param arguments the application's arguments
	 * @return the running process
	 * @throws Exception if it does not start
	 */
	public static JvmProcess startMain(Class<?> mainClass, Path workDir, String name, List<String> arguments)
			throws Exception {
		return startMain(mainClass, workDir, name, List.of(), arguments);
	}

	/**
	 * Start a main class on this test JVM's class path with extra JVM options, and wait until it
	 * serves HTTP.
	 * @param mainClass the application class
	 * @param workDir the working directory, where the log goes too
	 * @param name the log's name
	 * @param jvmOptions options for the JVM, before the class path
	 * @param arguments the application's arguments
	 * @return the running process
	 * @throws Exception if it does not start
	 */
	public static JvmProcess startMain(Class<?> mainClass, Path workDir, String name, List<String> jvmOptions,
			List<String> arguments) throws Exception {
		return start(mainLaunch(mainClass, jvmOptions), workDir, name, arguments);
	}

	/**
	 * Start a main class on this test JVM's class path without waiting for it to serve HTTP: for an
	 * application that may die before it would answer.
	 * @param mainClass the application class
	 * @param workDir the working directory, where the log goes too
	 * @param name the log's name
	 * @param jvmOptions options for the JVM, before the class path
	 * @param arguments the application's arguments
	 * @return the process, maybe still starting
	 * @throws IOException if it cannot be launched
	 */
	public static JvmProcess launchMain(Class<?> mainClass, Path workDir, String name, List<String> jvmOptions,
			List<String> arguments) throws IOException, InterruptedException {
		return launch(mainLaunch(mainClass, jvmOptions), workDir, name, arguments);
	}

	private static List<String> mainLaunch(Class<?> mainClass, List<String> jvmOptions) throws InterruptedException {
		SharedClassArchive.Launch shared = SharedClassArchive.launch(java(), baseOptions(), mainClass);
		List<String> launch = new ArrayList<>(jvmOptions);
		launch.addAll(shared.jvmOptions());
		launch.addAll(List.of("-cp", shared.classPath(), mainClass.getName()));
		return launch;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static List<String> baseOptions() {
		List<String> options = new ArrayList<>(List.of("-Xmx256m"));
		options.addAll(QUICK_START);
		return options;
	}

	private static JvmProcess start(List<String> launch, Path workDir, String name, List<String> arguments)
			throws Exception {
		JvmProcess started = launch(launch, workDir, name, arguments);
		try {
			// Generous: on a shared 2-core machine, three nodes starting at once have each taken over 90 s.
			started.awaitHttp(Duration.ofSeconds(180));
		}
		catch (Exception | Error ex) {
			// Never leave a half-started application running behind a failed test.
			started.process.destroyForcibly();
			throw ex;
		}
		return started;
	}

	private static JvmProcess launch(List<String> launch, Path workDir, String name, List<String> arguments)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(baseOptions());
		command.addAll(launch);
		command.add("--server.port=0");
		command.addAll(arguments);
		Path log = workDir.resolve(name + ".log");
		Process process = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new JvmProcess(process, log);
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Poll a path until its body satisfies the condition.
	 * @param path the path
	 * @param condition the condition on the body of a 200 response
	 * @param timeout how long to poll
	 * @return the body that satisfied it
	 * @throws Exception on timeout or if the process died
	 */
	public String awaitBody(String path, Predicate<String> condition, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The application process died; its log:\n" + logTail());
			}
			HttpResponse<String> response;
			try {
				response = get(path);
			}
			catch (IOException ex) {
				// A process that dies between the check above and the request refuses it.
				if (this.process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
					throw new IllegalStateException("The application process died (exit code "
							+ this.process.exitValue() + "); its log:\n" + logTail(), ex);
				}
				throw ex;
			}
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
	 * Wait until the process's log holds a line, polling every 2 ms: a test that kills the process
	 * on a line must follow it closely (H2 would delay writing a commit by half a second).
	 * @param line the whole line
	 * @param timeout how long to wait
	 * @throws Exception on timeout
	 */
	public void awaitLogLine(String line, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!Files.readAllLines(this.log).contains(line)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No '" + line + "' in " + this.log + " within " + timeout + "; log:\n"
						+ logTail());
			}
			Thread.sleep(2);
		}
	}

	/**
	 * Kill the process the hard way: SIGKILL, no shutdown hooks, no graceful anything.
	 * @throws Exception if kill fails
	 */
	public void killHard() throws Exception {
		signal("-9");
		this.process.waitFor();
	}

	/**
	 * Stop the process for a while, the way a long GC pause or a frozen VM would: {@code kill -STOP}.
	 * Its sockets stay open and its threads keep what they held.
	 * @throws Exception if the signal cannot be sent
	 */
	public void pause() throws Exception {
		signal("-STOP");
	}

	/**
	 * Let a {@link #pause() paused} process go on: {@code kill -CONT}.
	 * @throws Exception if the signal cannot be sent
	 */
	public void resume() throws Exception {
		signal("-CONT");
	}

	/**
	 * Stop the process the way a rolling deploy does: SIGTERM, then wait for it to exit on its own.
	 * @param timeout how long its graceful shutdown may take
	 * @throws Exception if it does not exit in time (it is then killed)
	 */
	public void stopGracefully(Duration timeout) throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("The application did not shut down within " + timeout
					+ " of SIGTERM; its log:\n" + logTail());
		}
	}

	/**
	 * Wait for the process to exit on its own.
	 * @param timeout how long to wait
	 * @return its exit code
	 * @throws Exception if it is still running after the timeout (it is then killed)
	 */
	public int awaitExit(Duration timeout) throws Exception {
		if (!this.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
			this.process.destroyForcibly();
			throw new IllegalStateException("The application did not exit within " + timeout + "; its log:\n"
					+ logTail());
		}
		return this.process.exitValue();
	}

	/**
	 * Tell whether the process is still running.
	 * @return {@code true} until it has exited
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return the file the process logs to.
	 * @return the log
	 */
	public Path log() {
		return this.log;
	}

	private void signal(String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill " + signal + " " + this.process.pid() + " failed");
		}
	}

	public String logTail() {
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
			try {
				// A paused process would hold SIGTERM until it runs again.
				signal("-CONT");
			}
			catch (Exception ex) {
				// It exited meanwhile.
			}
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
				throw new IllegalStateException("The application process exited during start-up; its log:\n" + logTail());
			}
			try {
				if (get("/actuator").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The application did not start within " + timeout + "; its log:\n" + logTail());
	}

	private URI uri(String path) throws IOException {
		return URI.create("http://localhost:" + port() + path);
	}

	private int port() throws IOException {
		if (this.port == 0) {
			Matcher listening = LISTENING
				.matcher(new String(Files.readAllBytes(this.log), StandardCharsets.ISO_8859_1));
			if (!listening.find()) {
				throw new ConnectException("The application does not listen yet: its log names no port");
			}
			this.port = Integer.parseInt(listening.group(1));
		}
		return this.port;
	}

}
