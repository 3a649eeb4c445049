package dev.durable.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.jar.JarFile;

import dev.durable.bench.startup.StartupProbe;

import org.springframework.util.FileSystemUtils;

/**
 * What the starter costs an application at start-up: the same minimal web application
 * ({@link dev.durable.bench.startup.app.StartupApplication}) started in a fresh JVM per start,
 * without Durable (its auto-configurations excluded), with it, and with it plus one workflow and
 * one activity bean, the variants taking turns so that load from elsewhere falls on all alike.
 * Each variant has its own H2 file, created by one unmeasured start, so the measured starts find
 * their schema in place as a restarted application does, and the operating system has the jars
 * cached.
 */
final class StartupWorkload {

	static final List<String> VARIANTS = List.of("none", "starter", "workflow");

	private final int starts;

	StartupWorkload(int starts) {
		this.starts = starts;
	}

	/**
	 * Run the starts and summarise them.
	 * @return the results as a Markdown table
	 */
	String run() throws Exception {
		Path directory = Files.createTempDirectory("durable-startup-");
		try {
			Map<String, List<Start>> results = new LinkedHashMap<>();
			for (String variant : VARIANTS) {
				start(variant, directory);
				results.put(variant, new ArrayList<>());
			}
			for (int round = 1; round <= this.starts; round++) {
				for (String variant : VARIANTS) {
					results.get(variant).add(start(variant, directory));
				}
				System.out.println("  round " + round + " of " + this.starts + " done");
			}
			return table(results);
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private Start start(String variant, Path directory) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(javaCommand());
		command.add(variant);
		command.add(directory.resolve(variant).toString());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.add(line);
			}
		}
		if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("Start of variant " + variant + " failed:\n" + String.join("\n", output));
		}
		return output.stream()
			.filter((line) -> line.startsWith(StartupProbe.RESULT + " "))
			.findFirst()
			.map(Start::parse)
			.orElseThrow(() -> new IllegalStateException("No result from " + variant + ":\n" + String.join("\n", output)));
	}

	/**
	 * The command starting {@link StartupProbe} in a fresh JVM with this JVM's classpath; from the
	 * executable jar, through Spring Boot's launcher, as an application in such a jar starts.
	 */
	private static List<String> javaCommand() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("java.class.path");
		if (!classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
			try (JarFile jar = new JarFile(classPath)) {
				if (jar.getEntry("BOOT-INF/classes/") != null) {
					return List.of(java, "-cp", classPath, "-Dloader.main=" + StartupProbe.class.getName(),
							"org.springframework.boot.loader.launch.PropertiesLauncher");
				}
			}
		}
		return List.of(java, "-cp", classPath, StartupProbe.class.getName());
	}

	private String table(Map<String, List<Start>> results) {
		List<String> rows = new ArrayList<>();
		rows.add("| Metric (median, min–max of " + this.starts + " starts) | Without Durable | With Durable | Δ | "
				+ "With Durable + 1 workflow, 1 activity bean | Δ |");
		rows.add("|---|--:|--:|--:|--:|--:|");
		double mb = 1024.0 * 1024.0;
		row(rows, results, "JVM start → ApplicationReadyEvent, ms", Start::jvmToReadyMs, 1, 0);
		row(rows, results, "SpringApplication.run → ready, ms", Start::contextMs, 1, 0);
		row(rows, results, "heap used after full GC, MB", Start::heapBytes, mb, 1);
		row(rows, results, "non-heap used (metaspace, code cache), MB", Start::nonHeapBytes, mb, 1);
		row(rows, results, "loaded classes", Start::classes, 1, 0);
		row(rows, results, "live threads", Start::threads, 1, 0);
		row(rows, results, "Durable's beans", Start::durableBeans, 1, 0);
		row(rows, results, "Durable's classes loaded", Start::durableClasses, 1, 0);
		return String.join("\n", rows);
	}

	private static void row(List<String> rows, Map<String, List<Start>> results, String metric,
			ToLongFunction<Start> value, double unit, int decimals) {
		StringBuilder row = new StringBuilder("| " + metric + " | ");
		Samples none = samples(results.get("none"), value);
		row.append(cell(none, unit, decimals)).append(" | ");
		for (String variant : List.of("starter", "workflow")) {
			Samples samples = samples(results.get(variant), value);
			row.append(cell(samples, unit, decimals)).append(" | ");
			double delta = (samples.median() - none.median()) / unit;
			row.append(delta >= 0 ? "+" : "").append(ResultTable.format(delta, decimals)).append(" | ");
		}
		rows.add(row.toString().stripTrailing());
	}

	private static Samples samples(List<Start> starts, ToLongFunction<Start> value) {
		Samples samples = new Samples();
		starts.forEach((start) -> samples.add(value.applyAsLong(start)));
		return samples;
	}

	private static String cell(Samples samples, double unit, int decimals) {
		return ResultTable.format(samples.median() / unit, decimals) + " ("
				+ ResultTable.format(samples.percentile(0) / unit, decimals) + "–"
				+ ResultTable.format(samples.max() / unit, decimals) + ")";
	}

	/**
	 * One start as {@link StartupProbe} reported it.
	 */
	record Start(long jvmToReadyMs, long contextMs, long heapBytes, long nonHeapBytes, long classes, long threads,
			long durableBeans, long durableClasses) {

		static Start parse(String line) {
			Map<String, String> values = new LinkedHashMap<>();
			for (String pair : line.substring(StartupProbe.RESULT.length() + 1).split(" ")) {
				int equals = pair.indexOf('=');
				values.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
			ToLongFunction<String> read = (key) -> Long.parseLong(values.get(key));
			return new Start(read.applyAsLong("jvmToReadyMs"), read.applyAsLong("contextMs"),
					read.applyAsLong("heapBytes"), read.applyAsLong("nonHeapBytes"), read.applyAsLong("classes"),
					read.applyAsLong("threads"), read.applyAsLong("durableBeans"), read.applyAsLong("durableClasses"));
		}

	}

}
