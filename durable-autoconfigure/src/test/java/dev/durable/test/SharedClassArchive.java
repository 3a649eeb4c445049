package dev.durable.test;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The class path and JVM options that let the test processes of one test JVM start from a shared
 * class archive (AppCDS): the classes they all load at start-up are parsed and verified once, by a
 * training run, instead of by every process. On a loaded 2-core machine that takes about 40% off
 * the CPU time of each start. The processes run the same classes as before, from jars of this
 * module's class directories (a JDK 17 archive cannot be made with a non-empty directory on the
 * class path); if the training run fails, they start as before, without an archive.
 */
final class SharedClassArchive {

	private static final long TRAINING_TIMEOUT_SECONDS = 240;

	private static @Nullable Launch launch;

	private SharedClassArchive() {
	}

	/**
	 * Return the class path and options for processes of a main class on this JVM's class path,
	 * making the archive on the first call.
	 * @param java the java executable
	 * @param jvmOptions options every test process runs with
	 * @param mainClass the main class of the first process, which the training run starts
	 * @return the launch
	 * @throws InterruptedException if interrupted while the training run goes on
	 */
	static synchronized Launch launch(String java, List<String> jvmOptions, Class<?> mainClass)
			throws InterruptedException {
		Launch current = launch;
		if (current == null) {
			current = train(java, jvmOptions, mainClass);
			launch = current;
		}
		return current;
	}

	private static Launch train(String java, List<String> jvmOptions, Class<?> mainClass) throws InterruptedException {
		String classPath = System.getProperty("java.class.path");
		Launch plain = new Launch(classPath, List.of());
		Path dir = Path.of("target", "jvm-process-cds", Long.toString(ProcessHandle.current().pid())).toAbsolutePath();
		Process training = null;
		try {
			Files.createDirectories(dir);
			List<String> entries = new ArrayList<>();
			int index = 0;
			for (String entry : classPath.split(File.pathSeparator)) {
				if (entry.isEmpty()) {
					continue;
				}
				Path path = Path.of(entry);
				if (Files.isDirectory(path)) {
					Path jar = dir.resolve((index++) + "-" + path.getFileName() + ".jar");
					jar(path, jar);
					entries.add(jar.toString());
				}
				else {
					entries.add(entry);
				}
			}
			String archivedClassPath = String.join(File.pathSeparator, entries);
			Path archive = dir.resolve("app.jsa");
			List<String> command = new ArrayList<>(List.of(java));
			command.addAll(jvmOptions);
			// The context is refreshed, then the JVM exits: no web server, no worker, no database of a test.
			command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dspring.context.exit=onRefresh", "-cp",
					archivedClassPath, mainClass.getName(), "--server.port=0",
					"--spring.datasource.url=jdbc:h2:mem:cds-training"));
			Path log = dir.resolve("training.log");
			training = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!training.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS) || training.exitValue() != 0
					|| !Files.isRegularFile(archive)) {
				System.err.println("No shared class archive for test processes (see " + log + "); they start without");
				return plain;
			}
			return new Launch(archivedClassPath, List.of("-XX:SharedArchiveFile=" + archive));
		}
		catch (IOException ex) {
			System.err.println("No shared class archive for test processes: " + ex);
			return plain;
		}
		finally {
			if (training != null && training.isAlive()) {
				training.destroyForcibly();
			}
		}
	}

	private static void jar(Path directory, Path jar) throws IOException {
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
				Stream<Path> files = Files.walk(directory)) {
			for (Path file : files.sorted().toList()) {
				if (file.equals(directory)) {
					continue;
				}
				String name = directory.relativize(file).toString().replace(File.separatorChar, '/');
				if (Files.isDirectory(file)) {
					jarOut.putNextEntry(new JarEntry(name + "/"));
				}
				else {
					jarOut.putNextEntry(new JarEntry(name));
					Files.copy(file, jarOut);
				}
				jarOut.closeEntry();
			}
		}
	}

	/**
	 * How to launch a test process.
	 * @param classPath its class path
	 * @param jvmOptions the options that use the archive, if there is one
	 */
	record Launch(String classPath, List<String> jvmOptions) {
	}

}
