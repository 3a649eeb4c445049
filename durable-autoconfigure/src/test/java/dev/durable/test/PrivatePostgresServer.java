package dev.durable.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of a test's own, in a throw-away data directory on a free port, that the
 * test may stop and start again without disturbing the machine's shared server. It uses the
 * installed server binaries ({@code /usr/lib/postgresql/<version>/bin}); as root it runs them as the
 * {@code postgres} user, since PostgreSQL refuses to run as root.
 */
public final class PrivatePostgresServer implements AutoCloseable {

	private static final Path INSTALLATIONS = Path.of("/usr/lib/postgresql");

	private final Path bin;

	private final Path directory;

	private final Path data;

	private final int port;

	private PrivatePostgresServer(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.data = directory.resolve("data");
		this.port = port;
	}

	/**
	 * Create a new cluster under a directory and start it. Fails with the reason when that is not
	 * possible, unless {@code -Ddurable.test.postgres=skip}, which skips the test instead.
	 * @param parent where the cluster's directory is made
	 * @return the running server
	 */
	public static PrivatePostgresServer start(Path parent) {
		PrivatePostgresServer server = null;
		try {
			Path bin = findBinaries();
			Path directory = parent.resolve("private-postgres-" + UUID.randomUUID().toString().substring(0, 8));
			Files.createDirectories(directory);
			server = new PrivatePostgresServer(bin, directory, freePort());
			server.initialize();
			server.startServer();
			return server;
		}
		catch (Exception ex) {
			if (server != null) {
				server.close();
			}
			String message = "Could not create a private PostgreSQL server for a test that stops and starts it ("
					+ ex.getMessage() + "). It needs PostgreSQL's server binaries under " + INSTALLATIONS
					+ "/<version>/bin and, as root, a 'postgres' user; or run with -Ddurable.test.postgres=skip";
			if ("skip".equals(System.getProperty("durable.test.postgres", "required").toLowerCase(Locale.ROOT))) {
				Assumptions.abort(message);
			}
			throw new IllegalStateException(message, ex);
		}
	}

	/**
	 * Return the JDBC URL of the server's {@code postgres} database.
	 * @return the URL
	 */
	public String url() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/postgres";
	}

	/**
	 * Return the superuser's name.
	 * @return the user
	 */
	public String user() {
		return "postgres";
	}

	/**
	 * Stop the server; {@code fast} ends every session and shuts down cleanly.
	 * @throws Exception if it does not stop
	 */
	public void stop() throws Exception {
		run(pgCtl("stop", "-m", "fast", "-w", "-t", "60"));
	}

	/**
	 * Crash-stop the server, as a power cut or an OOM kill would: {@code immediate} ends every
	 * process without a checkpoint, so the next start recovers from the write-ahead log.
	 * @throws Exception if it does not stop
	 */
	public void crash() throws Exception {
		run(pgCtl("stop", "-m", "immediate", "-w", "-t", "60"));
	}

	/**
	 * Start the server again on the same port, with the same data.
	 * @throws Exception if it does not start
	 */
	public void startAgain() throws Exception {
		startServer();
	}

	/**
	 * Return the end of the server's log.
	 * @return the last lines
	 */
	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.directory.resolve("server.log"));
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no server log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stop the server at once and delete its directory.
	 */
	@Override
	public void close() {
		try {
			if (Files.exists(this.data.resolve("postmaster.pid"))) {
				run(pgCtl("stop", "-m", "immediate", "-w", "-t", "60"));
			}
		}
		catch (Exception ex) {
			System.err.println("Could not stop the private PostgreSQL server in " + this.directory + ": " + ex);
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			System.err.println("Could not delete " + this.directory + ": " + ex);
		}
	}

	private void initialize() throws Exception {
		if (isRoot()) {
			run(List.of("chown", "postgres:postgres", this.directory.toString()));
		}
		run(asServerUser(List.of(this.bin.resolve("initdb").toString(), "-D", this.data.toString(), "-U", "postgres",
				"-A", "trust", "-E", "UTF8", "--no-sync")));
	}

	private void startServer() throws Exception {
		// TCP on its own port only: nothing is shared with the machine's server, and no Unix socket
		// whose path, under a deep build directory, could pass the 107-byte limit (the server then
		// refuses to start).
		run(pgCtl("start", "-w", "-t", "60", "-l", this.directory.resolve("server.log").toString(), "-o",
				"-p " + this.port + " -c unix_socket_directories='' -c listen_addresses=127.0.0.1"));
	}

	private List<String> pgCtl(String... arguments) {
		List<String> command = new ArrayList<>(List.of(this.bin.resolve("pg_ctl").toString(), "-D", this.data.toString()));
		command.addAll(List.of(arguments));
		return asServerUser(command);
	}

	private static List<String> asServerUser(List<String> command) {
		if (!isRoot()) {
			return command;
		}
		List<String> asPostgres = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
		asPostgres.addAll(command);
		return asPostgres;
	}

	private static boolean isRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	private static Path findBinaries() throws IOException {
		if (!Files.isDirectory(INSTALLATIONS)) {
			throw new IllegalStateException(INSTALLATIONS + " does not exist");
		}
		try (Stream<Path> versions = Files.list(INSTALLATIONS)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing(PrivatePostgresServer::version))
				.orElseThrow(() -> new IllegalStateException("no initdb and pg_ctl under " + INSTALLATIONS));
		}
	}

	private static double version(Path bin) {
		try {
			return Double.parseDouble(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static void run(List<String> command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try {
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " did not finish within 90 s");
			}
		}
		finally {
			output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed with exit code "
					+ process.exitValue() + ": " + output.strip());
		}
	}

	/**
	 * A free port below the kernel's range for outgoing connections (32768 and up on Linux): the
	 * server stops and starts again on its port during a test, and a port from that range could be
	 * given to another process's connection or listener while it is down.
	 */
	private static int freePort() throws IOException {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int attempt = 0; attempt < 50; attempt++) {
			int port = random.nextInt(20_000, 32_000);
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				// Taken: try another.
			}
		}
		throw new IOException("No free port between 20000 and 32000 after 50 attempts");
	}

}
