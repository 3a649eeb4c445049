package dev.durable.bench.startup;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.ObjectName;

import dev.durable.bench.startup.app.StartupApplication;
import dev.durable.bench.startup.flow.StartupFlowConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link StartupApplication} once in this (fresh) JVM and prints one line,
 * {@code startup-result key=value ...}, for the start-up workload to read: the time from the
 * JVM's start to {@link ApplicationReadyEvent}, heap and non-heap used after a full GC, loaded
 * classes, live threads, and how many of Durable's beans and classes are present. Arguments: the
 * variant ({@code none}, {@code starter} or {@code workflow}), the H2 file's path, then any
 * {@code key=value} properties to add.
 */
public final class StartupProbe {

	/** The prefix of the line carrying the results. */
	public static final String RESULT = "startup-result";

	private StartupProbe() {
	}

	public static void main(String[] args) throws Exception {
		String variant = args[0];
		List<Class<?>> sources = new ArrayList<>(List.of(StartupApplication.class));
		if ("workflow".equals(variant)) {
			sources.add(StartupFlowConfiguration.class);
		}
		SpringApplication application = new SpringApplication(sources.toArray(Class<?>[]::new));
		application.setDefaultProperties(properties(variant, args[1], Arrays.copyOfRange(args, 2, args.length)));
		AtomicReference<ApplicationReadyEvent> ready = new AtomicReference<>();
		application.addListeners((ApplicationReadyEvent event) -> ready.set(event));
		ConfigurableApplicationContext context = application.run();
		// Measure the settled application, not the last moments of its start: threads started
		// lazily by a ready listener or a first poll are then counted, and the GC leaves only
		// what the application keeps.
		Thread.sleep(1000);
		System.gc();
		System.gc();
		var memory = ManagementFactory.getMemoryMXBean();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("variant", variant);
		result.put("jvmToReadyMs", ready.get().getTimestamp() - ManagementFactory.getRuntimeMXBean().getStartTime());
		result.put("contextMs", ready.get().getTimeTaken().toMillis());
		result.put("heapBytes", memory.getHeapMemoryUsage().getUsed());
		result.put("nonHeapBytes", memory.getNonHeapMemoryUsage().getUsed());
		result.put("classes", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
		result.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
		result.put("durableBeans", durableBeans(context));
		result.put("durableClasses", durableClasses());
		StringBuilder line = new StringBuilder(RESULT);
		result.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
		System.out.println(line);
		System.exit(SpringApplication.exit(context));
	}

	private static Map<String, Object> properties(String variant, String h2File, String[] extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", "jdbc:h2:file:" + h2File);
		properties.put("spring.jpa.hibernate.ddl-auto", "update");
		// A free port, so that starts never collide with each other or with anything on the machine.
		properties.put("server.port", "0");
		if ("none".equals(variant)) {
			// Excluding every auto-configuration Durable registers leaves no Durable bean and loads
			// only those seven classes (to check the exclusion); durable.enabled=false also leaves
			// no bean but loads six engine interfaces named in the conditions (docs/performance.md).
			properties.put("spring.autoconfigure.exclude", String.join(",", durableAutoConfigurations()));
		}
		for (String pair : extra) {
			int equals = pair.indexOf('=');
			properties.put(pair.substring(0, equals), pair.substring(equals + 1));
		}
		return properties;
	}

	private static List<String> durableAutoConfigurations() {
		List<String> names = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, StartupProbe.class.getClassLoader())
			.forEach((name) -> {
				if (name.startsWith("dev.durable.")) {
					names.add(name);
				}
			});
		return names;
	}

	private static long durableBeans(ConfigurableApplicationContext context) {
		return Arrays.stream(context.getBeanDefinitionNames()).map(context::getType).filter((type) -> type != null
				&& type.getName().startsWith("dev.durable.") && !type.getName().startsWith("dev.durable.bench.")).count();
	}

	/**
	 * Count Durable's loaded classes from the JVM's own class list ({@code jcmd VM.class_hierarchy}),
	 * the benchmark's excluded.
	 * @return the count, or -1 if this JVM does not offer the command
	 */
	private static long durableClasses() {
		try {
			String hierarchy = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmClassHierarchy",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
			return hierarchy.lines()
				.map((line) -> line.replaceFirst("^[|\\s-]*", ""))
				.filter((name) -> name.startsWith("dev.durable.") && !name.startsWith("dev.durable.bench."))
				.map((name) -> name.split("[\\s/]")[0])
				.distinct()
				.count();
		}
		catch (Exception ex) {
			return -1;
		}
	}

}
