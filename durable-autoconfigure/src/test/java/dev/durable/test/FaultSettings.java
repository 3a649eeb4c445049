package dev.durable.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The settings of a randomized fault test, from system properties so that a long run or the
 * replay of a failed one needs no code change: {@code -Ddurable.faults.seed} (the seed of every
 * random choice: which fault, which node, when; random unless given),
 * {@code -Ddurable.faults.duration} (how long faults go on, ISO-8601 such as {@code PT10M}),
 * {@code -Ddurable.faults.kills} (how many kills a kill-only test makes) and
 * {@code -Ddurable.faults.rate} (workflow starts a second).
 *
 * <p>A seed replays the same sequence of faults, nodes and pauses; it cannot replay the timing of
 * the processes, so a failure it found may need a few runs to show again.
 *
 * @param seed the seed
 * @param duration how long faults go on
 * @param kills how many kills
 * @param perSecond workflow starts a second
 */
public record FaultSettings(long seed, Duration duration, int kills, double perSecond) {

	public FaultSettings {
		if (duration.isNegative() || kills < 0 || perSecond <= 0) {
			throw new IllegalArgumentException("durable.faults.duration and durable.faults.kills must not be negative "
					+ "and durable.faults.rate must be positive (got " + duration + ", " + kills + ", " + perSecond
					+ ")");
		}
	}

	/**
	 * Read the settings, with a test's defaults for what is not set.
	 * @param duration the default duration of faults
	 * @param kills the default number of kills
	 * @param perSecond the default rate of starts
	 * @return the settings
	 */
	public static FaultSettings fromSystemProperties(Duration duration, int kills, double perSecond) {
		String seed = System.getProperty("durable.faults.seed", "").trim();
		String configured = System.getProperty("durable.faults.duration", "").trim();
		return new FaultSettings(seed.isEmpty() ? new Random().nextLong() : Long.parseLong(seed),
				configured.isEmpty() ? duration : Duration.parse(configured),
				Integer.getInteger("durable.faults.kills", kills),
				Double.parseDouble(System.getProperty("durable.faults.rate", Double.toString(perSecond))));
	}

	/**
	 * Count the lines that contain a text in every log under a directory (each start of each node
	 * logs to a file of its own).
	 * @param directory the directory
	 * @param text the text
	 * @return the number of lines
	 */
	public static long countInLogs(Path directory, String text) {
		try (Stream<Path> logs = Files.list(directory)) {
			return logs.filter((path) -> path.toString().endsWith(".log")).mapToLong((log) -> {
				try (Stream<String> lines = Files.lines(log)) {
					return lines.filter((line) -> line.contains(text)).count();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).sum();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
