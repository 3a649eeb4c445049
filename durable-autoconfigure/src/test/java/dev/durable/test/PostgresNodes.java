package dev.durable.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Application nodes as real JVMs sharing a PostgreSQL schema of their own: the schema is created
 * and the nodes started together, and closing stops the nodes and drops the schema.
 */
public final class PostgresNodes implements AutoCloseable {

	private final PostgresTestDatabase database;

	private final List<ChaosNode> nodes = new ArrayList<>();

	private PostgresNodes(PostgresTestDatabase database) {
		this.database = database;
	}

	/**
	 * Create a schema and start nodes on it in parallel, as a deployment starts its replicas.
	 * @param name the nodes' name prefix (nodes are {@code <name>-1}, {@code <name>-2}, ...), also
	 * naming their work directory under {@code target}
	 * @param count how many nodes
	 * @param lease the nodes' lease duration
	 * @param extra more arguments for every node
	 * @return the running nodes
	 * @throws Exception if the schema or a node cannot be set up
	 */
	public static PostgresNodes start(String name, int count, Duration lease, String... extra) throws Exception {
		Path workDir = Path.of("target", name + "-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
		Files.createDirectories(workDir);
		PostgresNodes started = new PostgresNodes(PostgresTestDatabase.create());
		try {
			for (int i = 1; i <= count; i++) {
				started.nodes.add(new ChaosNode(name + "-" + i, workDir,
						ChaosNode.postgresArguments(started.database.url(), PostgresTestDatabase.USER, lease, extra)));
			}
			ChaosNode.startAll(started.nodes);
			return started;
		}
		catch (Exception | Error ex) {
			// Nothing of a set-up that failed halfway may outlive it: nodes that started, the schema.
			started.close();
			throw ex;
		}
	}

	/**
	 * Return the schema the nodes share.
	 * @return the database
	 */
	public PostgresTestDatabase database() {
		return this.database;
	}

	/**
	 * Return the nodes, in the order of their numbers.
	 * @return the nodes
	 */
	public List<ChaosNode> nodes() {
		return this.nodes;
	}

	@Override
	public void close() throws Exception {
		for (ChaosNode node : this.nodes) {
			node.close();
		}
		this.database.drop();
	}

}
