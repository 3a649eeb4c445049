package dev.durable.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A wall-clock profile of one thread: a daemon thread takes the thread's stack every
 * millisecond and files it under the first category it matches. Waiting for PostgreSQL shows up
 * as the driver reading its socket; the rest is time the JVM spends.
 */
final class StackSampler implements AutoCloseable {

	private static final List<Category> CATEGORIES = List.of(
			new Category("PostgreSQL round trip: COMMIT",
					(stack) -> inSocket(stack) && contains(stack, "org.postgresql.jdbc.PgConnection", "commit")),
			new Category("PostgreSQL round trip: statements", StackSampler::inSocket),
			new Category("JDBC driver and pool (CPU)",
					(stack) -> stack[0].getClassName().startsWith("org.postgresql")
							|| stack[0].getClassName().startsWith("com.zaxxer")),
			new Category("Hibernate: HQL update (createQuery + translate + bind)",
					(stack) -> contains(stack, "org.hibernate.query.sqm.internal.SqmQueryImpl", "executeUpdate")
							|| contains(stack, "org.hibernate.internal.AbstractSharedSessionContract", "createQuery")
							|| contains(stack, "org.hibernate.internal.SessionImpl", "createQuery")),
			new Category("Hibernate: persist + flush of the event",
					(stack) -> contains(stack, "org.hibernate.internal.SessionImpl", "persist")
							|| contains(stack, "org.hibernate.internal.SessionImpl", "flush")),
			new Category("Spring/Hibernate transaction begin (EntityManager, connection)",
					(stack) -> contains(stack, "org.springframework.orm.jpa.JpaTransactionManager", "doBegin")),
			new Category("Spring/Hibernate transaction commit and clean-up",
					(stack) -> contains(stack, "org.springframework.orm.jpa.JpaTransactionManager", "doCommit")
							|| contains(stack, "org.springframework.transaction.support.AbstractPlatformTransactionManager",
									"cleanupAfterCompletion")),
			new Category("Hibernate: find / journal query", (stack) -> contains(stack, "org.hibernate", "")),
			new Category("JSON (Jackson)", (stack) -> contains(stack, "tools.jackson", "")),
			new Category("engine, proxies, workflow code", (stack) -> true));

	private final Thread target;

	private final Thread sampler;

	private final Map<String, Long> counts = new LinkedHashMap<>();

	private volatile boolean running = true;

	private long samples;

	StackSampler(Thread target) {
		this.target = target;
		for (Category category : CATEGORIES) {
			this.counts.put(category.name(), 0L);
		}
		this.sampler = new Thread(this::sample, "bench-stack-sampler");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	private void sample() {
		while (this.running) {
			StackTraceElement[] stack = this.target.getStackTrace();
			if (stack.length > 0) {
				synchronized (this.counts) {
					this.samples++;
					for (Category category : CATEGORIES) {
						if (category.matches().test(stack)) {
							this.counts.merge(category.name(), 1L, Long::sum);
							break;
						}
					}
				}
			}
			try {
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/**
	 * Return the share of samples per category, as Markdown rows.
	 * @param label the first column
	 * @param microsPerUnit the measured time per workflow or step, to turn shares into time
	 * @return the rows
	 */
	String rows(String label, double microsPerUnit) {
		StringBuilder rows = new StringBuilder();
		synchronized (this.counts) {
			for (Map.Entry<String, Long> entry : this.counts.entrySet()) {
				if (entry.getValue() == 0) {
					continue;
				}
				double share = entry.getValue() / (double) this.samples;
				rows.append("| ").append(label).append(" | ").append(entry.getKey()).append(" | ")
					.append(ResultTable.format(100 * share, 1)).append(" % | ")
					.append(ResultTable.format(share * microsPerUnit, 0)).append(" |\n");
			}
			rows.append("| ").append(label).append(" | (stack samples) | ").append(this.samples).append(" | |\n");
		}
		return rows.toString();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.sampler.interrupt();
		this.sampler.join();
	}

	private static boolean inSocket(StackTraceElement[] stack) {
		String top = stack[0].getClassName();
		return top.startsWith("sun.nio.ch.") || top.startsWith("java.net.");
	}

	private static boolean contains(StackTraceElement[] stack, String classPrefix, String method) {
		for (StackTraceElement frame : stack) {
			if (frame.getClassName().startsWith(classPrefix) && (method.isEmpty() || frame.getMethodName().equals(method))) {
				return true;
			}
		}
		return false;
	}

	private record Category(String name, Predicate<StackTraceElement[]> matches) {
	}

}
